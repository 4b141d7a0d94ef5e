"""Fictitious name material and fixed reference lists for the synthetic Lochem world.

Names are common Dutch first names and surnames combined at random: no combination refers to a real person.
"""

from __future__ import annotations

VOORNAMEN_M = (
    "Jan", "Gerrit", "Hendrik", "Johannes", "Willem", "Bernard", "Herman", "Albert", "Dirk", "Gerard",
    "Hans", "Peter", "Henk", "Martin", "Erik", "Rob", "Frank", "Bas", "Tim", "Thijs", "Daan", "Sem",
    "Lucas", "Finn", "Noah", "Jesse", "Ruben", "Niels", "Joost", "Wouter", "Sander", "Mark", "Koen",
    "Teun", "Jurre", "Stijn", "Bram", "Luuk", "Mees", "Gijs", "Harm", "Evert", "Jochem", "Arjen",
)
VOORNAMEN_V = (
    "Maria", "Johanna", "Hendrika", "Gerda", "Anna", "Wilhelmina", "Aaltje", "Janna", "Ria", "Ineke",
    "Anja", "Marjan", "Monique", "Ingrid", "Sandra", "Linda", "Esther", "Marloes", "Femke", "Lotte",
    "Sanne", "Anouk", "Emma", "Julia", "Tess", "Sophie", "Zoë", "Mila", "Noor", "Evi", "Lieke", "Fenna",
    "Roos", "Isa", "Saar", "Jet", "Hanneke", "Willemijn", "Geertje", "Dinie", "Truus", "Betsy",
)
#: (voorvoegsel, geslachtsnaam)
ACHTERNAMEN = (
    ("", "Jansen"), ("", "Wolbers"), ("", "Nijhof"), ("", "Klein Gunnewiek"), ("", "Lenderink"),
    ("", "Brinkman"), ("", "Oosterink"), ("", "Wesselink"), ("", "Hulshof"), ("", "Eggink"),
    ("", "Kamphuis"), ("", "Lammers"), ("", "Meijer"), ("", "Smit"), ("", "Bosch"), ("", "Visser"),
    ("", "Groot Wassink"), ("", "Roelofs"), ("", "Pelgrum"), ("", "Reuvers"), ("", "Heuvelink"),
    ("", "Wiggers"), ("", "Harmsen"), ("", "Ten Have"), ("", "Beumer"), ("", "Rouwenhorst"),
    ("", "Stokkers"), ("", "Veldhuis"), ("", "Gosselink"), ("", "Slotboom"), ("", "Mentink"),
    ("van", "Dijk"), ("van", "Beek"), ("van der", "Linde"), ("van den", "Berg"), ("van de", "Kamp"),
    ("de", "Vries"), ("de", "Jong"), ("de", "Boer"), ("ter", "Horst"), ("ten", "Brinke"),
    ("van", "Ittersum"), ("op den", "Kamp"), ("te", "Lintelo"), ("van 't", "Hof"),
)
STRAATNAMEN = (
    "Markt", "Kerkstraat", "Molenstraat", "Hoofdstraat", "Dorpsstraat", "Schoolstraat", "Stationsweg",
    "Nieuweweg", "Zutphenseweg", "Deventerweg", "Lochemseweg", "Holterweg", "Goorseweg", "Barchemseweg",
    "Larenseweg", "Almenseweg", "Eikenlaan", "Beukenlaan", "Berkenlaan", "Lindelaan", "Kastanjelaan",
    "Esdoornstraat", "Wilgenstraat", "Populierenlaan", "Meidoornstraat", "Hazelaarstraat", "Vlierstraat",
    "Heidepad", "Bosrand", "Veldweg", "Esweg", "Beekstraat", "Berkelweg", "Kanaalweg", "Sluisweg",
    "Hofweg", "Burgemeester Sloetstraat", "Prins Bernhardlaan", "Julianalaan", "Beatrixlaan",
    "Wilhelminalaan", "Oranjelaan", "Hanzeweg", "Tramstraat", "Spoorstraat", "Graafschapweg",
    "Koppelsweg", "Paaschberg", "Kapelweg", "Hessenweg", "Ravenswaarden", "Vordensebinnenweg",
    "Het Hoge", "Dorpsplein", "Kruisdijk", "Gelderse Blom", "Sparrenlaan", "Dennenweg", "Zwiepseweg",
    "Ampsenseweg", "Exelseweg", "Rijsselseweg", "Bathmenseweg", "Harfsenseweg", "Joppelaan",
    "Dortherweg", "Eefdese Enk", "Gorsselse Heide", "Epserweg", "Kerkhoflaan", "Brinkstraat",
    "Schuttestraat", "Tuinstraat", "Nieuwstraat", "Walderweg", "Oude Deventerweg", "Poststraat",
    "Klaverweide", "Korenbloemstraat", "Zonnebloemstraat", "Weidebeekstraat", "Grote Beek", "Molenbelt",
    "Kolweg", "Scholtenhagenweg", "Hallseweg", "Bergstraat", "Hof van Lochem", "Bleekveld",
)

#: Other municipalities people come from / go to: gemeentecode -> (gemeente name, woonplaats, postcode4, weight)
ANDERE_GEMEENTEN = {
    "0150": ("Deventer", "Deventer", "7411", 18),
    "0301": ("Zutphen", "Zutphen", "7201", 16),
    "0200": ("Apeldoorn", "Apeldoorn", "7311", 9),
    "0153": ("Enschede", "Enschede", "7511", 7),
    "1859": ("Berkelland", "Borculo", "7271", 6),
    "1876": ("Bronckhorst", "Vorden", "7251", 6),
    "0202": ("Arnhem", "Arnhem", "6811", 6),
    "0268": ("Nijmegen", "Nijmegen", "6511", 6),
    "0344": ("Utrecht", "Utrecht", "3511", 7),
    "0363": ("Amsterdam", "Amsterdam", "1012", 6),
    "0164": ("Hengelo", "Hengelo", "7551", 4),
    "0177": ("Raalte", "Raalte", "8102", 3),
    "0175": ("Ommen", "Ommen", "7731", 2),
    "0173": ("Oldenzaal", "Oldenzaal", "7571", 2),
}
#: GBA landcodes (tabel 34) for emigration / immigration (5010 België, 6029 Duitsland)
LANDEN = ("5010", "6029")
#: delivery-level constants
NEDERLAND = "6030"
