#!/usr/bin/env python3
# Builds tests/fixtures/incidents/notes3.gold.jsonl: a third set of notes in
# ACLED's note style and one newswire item, written and coded by hand before
# eventmap ran on them; coordinates are read from data/gazetteer.csv (GeoNames) by id.
from incident_gold import E, B, V, P, R, S, write

notes = [
 ("sd-omdurman-2024-06-04", "KHARTOUM, June 5 (Reuters) - Sudan's paramilitary Rapid Support Forces shelled a market in Omdurman on Tuesday, killing at least 15 people, a local activist group said.", E, "Shelling/artillery/missile attack", 365137, 1, 15),
 ("so-afgooye-2024-05-02", "On 2 May 2024, Al Shabaab militants ambushed a Somali National Army convoy near Afgooye (Lower Shabelle). 7 soldiers were killed.", B, "Armed clash", 65785, 2, 7),
 ("ng-damasak-2024-03-14", "On 14 March 2024, ISWAP fighters overran a military base in Damasak (Borno) and took control of the town.", B, "Non-state actor overtakes territory", 2345526, 1, 0),
 ("ng-kukawa-2024-02-19", "On 19 February 2024, Nigerian troops recaptured Kukawa (Borno) from Boko Haram militants after heavy fighting. Several militants were killed.", B, "Government regains territory", 2333563, 1, 3),
 ("in-chandigarh-2024-06-08", "On 8 June 2024, hundreds of farmers protested in Chandigarh (Chandigarh) demanding guaranteed crop prices. Police used water cannon to disperse them.", P, "Protest with intervention", 1274746, 1, 0),
 ("ua-kharkiv-2024-04-22", "On 22 April 2024, a Russian missile struck a railway station in Kharkiv (Kharkiv), wounding 18 people.", E, "Shelling/artillery/missile attack", 706483, 1, 0),
 ("ua-kyiv-2024-05-30", "On 30 May 2024, the Ukrainian air force said it destroyed 24 of 27 Shahed drones launched by Russia overnight over Kyiv (Kyiv City).", S, "Disrupted weapons use", 703448, 1, 0),
 ("ng-kaduna-2024-01-11", "On 11 January 2024, unidentified gunmen abducted 10 passengers travelling on the Abuja-Kaduna highway near Kaduna (Kaduna).", V, "Abduction/forced disappearance", 2335727, 2, 0),
 ("mm-monywa-2024-03-27", "On 27 March 2024, Myanmar junta troops set fire to more than 100 houses in villages near Monywa (Sagaing).", S, "Looting/property destruction", 1308522, 2, 0),
 ("pk-dera-ismail-khan-2024-07-05", "On 5 July 2024, a roadside bomb struck a police patrol in Dera Ismail Khan (Khyber Pakhtunkhwa), killing two policemen and wounding three.", E, "Remote explosive/landmine/IED", 1180281, 1, 2),
 ("ve-caracas-2024-08-16", "On 16 August 2024, hundreds of people demonstrated peacefully in Caracas (Capital) to contest the results of the presidential election.", P, "Peaceful protest", 3646738, 1, 0),
 ("ps-tulkarm-2024-09-01", "On 1 September 2024, Israeli drones struck a car near Tulkarm (Tulkarm, West Bank), killing three Palestinian militants.", E, "Air/drone strike", 281577, 2, 3),
 ("so-baidoa-2024-10-03", "On 3 October 2024, a suicide car bomb exploded outside a police station in Baidoa (Bay), killing 9 people including 4 police officers.", E, "Suicide bomb", 64536, 1, 9),
 ("ht-saint-marc-2024-10-12", "On 12 October 2024, members of the Gran Grif gang attacked villages near Saint-Marc (Artibonite), killing at least 70 people, including women and children.", V, "Attack", 3717588, 2, 70),
 ("gn-conakry-2024-06-20", "On 20 June 2024, security forces arrested 12 members of an opposition party in Conakry (Conakry) for organizing an unauthorized demonstration.", S, "Arrests", 2422465, 1, 0),
 ("sd-omdurman-2024-03-09", "On 9 March 2024, the Sudanese army and the RSF exchanged artillery fire in Omdurman (Khartoum). Dozens of civilians were killed.", B, "Armed clash", 365137, 1, 12),
 ("in-kupwara-2024-07-24", "On 24 July 2024, Indian security forces killed two suspected militants in a gunfight in Kupwara (Jammu and Kashmir).", B, "Armed clash", 6268046, 1, 2),
 ("in-imphal-2024-08-02", "On 2 August 2024, a grenade attack on a market in Imphal (Manipur) injured four people.", E, "Grenade", 1269771, 1, 0),
 ("cd-sake-2024-05-18", "On 18 May 2024, Congolese army soldiers and M23 rebels fought near Sake (North Kivu); an unknown number of people were killed.", B, "Armed clash", 205970, 2, 3),
 ("pk-sargodha-2024-02-07", "On 7 February 2024, a mob beat to death a man accused of blasphemy in Sargodha (Punjab).", R, "Mob violence", 1166000, 1, 1),
 ("ps-hebron-2023-11-15", "On 15 November 2023, Israeli forces detained 25 Palestinians during overnight raids in Hebron (Hebron, West Bank).", S, "Arrests", 285066, 1, 0),
 ("et-debre-tabor-2024-01-28", "On 28 January 2024, Fano militiamen took control of the town of Debre Tabor (Amhara) after government forces withdrew without a fight.", S, "Non-violent transfer of territory", 339686, 1, 0),
 ("lb-nabatieh-2024-09-23", "On 23 September 2024, Israeli air strikes on villages in southern Lebanon, including Nabatieh (Nabatieh), killed 12 people.", E, "Air/drone strike", 278913, 1, 12),
 ("bf-djibo-2024-06-13", "On 13 June 2024, JNIM militants attacked a convoy of civilian trucks near Djibo (Sahel), killing 11 drivers.", V, "Attack", 2361177, 2, 11),
 ("iq-sinjar-2023-12-04", "On 4 December 2023, a landmine killed two shepherds near Sinjar (Nineveh).", E, "Remote explosive/landmine/IED", 448149, 2, 2),
 ("pk-zhob-2024-08-25", "On 25 August 2024, Baloch separatists attacked a police station in Zhob (Balochistan), sparking a gunfight that left 14 people dead.", B, "Armed clash", 1162105, 1, 14),
 ("ye-marib-2024-03-31", "On 31 March 2024, the Houthis claimed to have shot down a US MQ-9 Reaper drone over Marib (Marib).", S, "Disrupted weapons use", 72968, 1, 0),
 ("ht-croix-des-bouquets-2024-04-17", "On 17 April 2024, rival gangs clashed in Croix-des-Bouquets (Ouest), leaving 6 gang members dead.", B, "Armed clash", 3727135, 1, 6),
]
write('notes3', notes)
