#!/usr/bin/env python3
# Builds tests/fixtures/incidents/notes2.gold.jsonl: notes written for this
# fixture in ACLED's note style, coded by hand (before running eventmap on
# them); coordinates are read from data/gazetteer.csv (GeoNames) by id.
from incident_gold import E, B, V, P, R, S, write

notes = [
 ("ua-kupiansk-2024-02-14", "On 14 February 2024, Military Forces of Russia shelled Kupiansk (Kharkiv). Fatalities unknown.", E, "Shelling/artillery/missile attack", 703656, 1, 0),
 ("ml-bankass-2023-01-03", "On 3 January 2023, unidentified gunmen attacked the village of Bankass (Mopti), killing five civilians and burning several houses.", V, "Attack", 2460401, 1, 5),
 ("ng-lagos-2022-05-10", "On 10 May 2022, around 200 protesters gathered in front of the governor's office in Lagos (Lagos) to demand the release of detained activists. The protest was peaceful.", P, "Peaceful protest", 2332459, 1, 0),
 ("ps-yatta-2022-06-05", "On 5 June 2022, Israeli forces demolished a Palestinian house in Yatta (Hebron, West Bank).", S, "Looting/property destruction", 281292, 1, 0),
 ("bf-djibo-2023-08-22", "On 22 August 2023, JNIM militants clashed with Burkinabe soldiers near Djibo (Sahel). At least 12 soldiers and an unknown number of militants were killed.", B, "Armed clash", 2361177, 2, 12),
 ("gn-conakry-2023-09-18", "On 18 September 2023, police fired tear gas and live ammunition at demonstrators in Conakry (Conakry), killing two protesters.", P, "Excessive force against protesters", 2422465, 1, 2),
 ("ng-monguno-2024-04-07", "On 7 April 2024, an IED planted by suspected ISWAP militants exploded under a military vehicle near Monguno (Borno), killing 3 soldiers.", E, "Remote explosive/landmine/IED", 2329946, 2, 3),
 ("ua-odesa-2024-03-01", "On 1 March 2024, a Russian drone strike hit a residential building in Odesa (Odesa), killing 12 people including five children.", E, "Air/drone strike", 698740, 1, 12),
 ("ua-kherson-2022-11-11", "On 11 November 2022, Ukrainian forces retook the city of Kherson (Kherson) after Russian forces withdrew across the Dnipro river.", S, "Non-violent transfer of territory", 706448, 1, 0),
 ("bd-dhaka-2023-10-30", "On 30 October 2023, rioters set fire to the offices of a political party in Dhaka (Dhaka) during clashes with police. One policeman was killed.", R, "Violent demonstration", 1185241, 1, 1),
 ("ps-deir-al-balah-2023-12-25", "On 25 December 2023, Israeli air strikes hit Deir al-Balah (Gaza Strip), killing at least 70 people.", E, "Air/drone strike", 281141, 1, 70),
 ("zw-harare-2024-07-09", "On 9 July 2024, police arrested 15 opposition supporters in Harare (Harare) ahead of a planned rally.", S, "Arrests", 890299, 1, 0),
 ("ua-mykolaiv-2024-02-02", "On 2 February 2024, Ukrainian air defence shot down 11 Shahed drones over Mykolaiv (Mykolaiv).", S, "Disrupted weapons use", 700569, 1, 0),
 ("ht-port-au-prince-2023-05-20", "On 20 May 2023, a mob lynched a man accused of theft in Port-au-Prince (Ouest), Haiti.", R, "Mob violence", 3718426, 1, 1),
 ("sd-wad-madani-2024-01-12", "On 12 January 2024, RSF fighters looted the market of Wad Madani (Al Jazirah) and burned several shops.", S, "Looting/property destruction", 364103, 1, 0),
 ("ng-enugu-2023-06-28", "On 28 June 2023, unidentified armed men kidnapped a priest near Enugu (Enugu).", V, "Abduction/forced disappearance", 2343279, 2, 0),
 ("sd-khartoum-2023-04-15", "On 15 April 2023, fighting broke out between the Sudanese Armed Forces and the Rapid Support Forces in Khartoum (Khartoum). Dozens of people were killed.", B, "Armed clash", 379252, 1, 12),
 ("pk-mastung-2023-10-06", "On 6 October 2023, a suicide bomber blew himself up at a mosque in Mastung (Balochistan), killing 52 people.", E, "Suicide bomb", 1170706, 1, 52),
 ("ma-rabat-2024-03-03", "On 3 March 2024, teachers held a sit-in in front of the Ministry of Education in Rabat (Rabat-Sale-Kenitra) to demand higher wages. [size=no report]", P, "Peaceful protest", 2538475, 1, 0),
 ("mm-kyauktaw-2024-04-19", "On 19 April 2024, Myanmar military forces conducted an air strike on Kyauktaw (Rakhine), killing 4 civilians and injuring 10 others.", E, "Air/drone strike", 1316499, 1, 4),
 ("il-metula-2024-05-08", "On 8 May 2024, Hezbollah fired anti-tank missiles at an Israeli military post near Metula (Northern). No casualties were reported.", E, "Shelling/artillery/missile attack", 294247, 2, 0),
 ("af-ghazni-2024-07-02", "On 2 July 2024, a landmine exploded under a civilian vehicle near Ghazni (Ghazni), killing two children.", E, "Remote explosive/landmine/IED", 1141269, 2, 2),
 ("sy-idlib-2024-07-15", "On 15 July 2024, Syrian government forces shelled the outskirts of Idlib (Idleb), wounding three civilians.", E, "Shelling/artillery/missile attack", 169389, 2, 0),
 ("ke-nairobi-2024-07-27", "On 27 July 2024, police in Nairobi (Nairobi) used tear gas and water cannon to disperse protesters demanding the resignation of the president.", P, "Protest with intervention", 184745, 1, 0),
 ("bd-dhaka-2024-08-05", "On 5 August 2024, students in Dhaka (Dhaka) blocked roads and clashed with police; 14 people were killed.", R, "Violent demonstration", 1185241, 1, 14),
 ("ru-sudzha-2024-08-11", "On 11 August 2024, Ukrainian forces entered Sudzha (Kursk) after fighting with Russian forces.", B, "Non-state actor overtakes territory", 486816, 1, 0),
 ("mx-culiacan-2024-08-17", "On 17 August 2024, unknown gunmen shot dead a local journalist in Culiacan (Sinaloa).", V, "Attack", 4012176, 1, 1),
 ("af-kunar-2024-08-23", "On 23 August 2024, the Taliban and the Islamic State clashed in Kunar (Kunar); casualties unknown.", B, "Armed clash", 1148311, 3, 0),
 ("ug-kampala-2024-09-09", "On 9 September 2024, security forces arrested a prominent opposition leader in Kampala (Kampala).", S, "Arrests", 232422, 1, 0),
 ("ps-jenin-2024-09-14", "On 14 September 2024, Israeli forces raided Jenin refugee camp (Jenin, West Bank) and killed 5 Palestinians in an exchange of fire with militants.", B, "Armed clash", 283506, 1, 5),
 ("bi-bujumbura-2024-09-30", "On 30 September 2024, a grenade was thrown at a bar in Bujumbura (Bujumbura Mairie), injuring 6 people.", E, "Grenade", 425378, 1, 0),
 ("ge-tbilisi-2024-10-04", "On 4 October 2024, Azerbaijan and Armenia signed a peace agreement in Tbilisi (Tbilisi).", S, "Agreement", 611717, 1, 0),
 ("sd-el-fasher-2024-10-12", "On 12 October 2024, the RSF established a new base in El Fasher (North Darfur).", S, "Headquarters or base established", 379555, 1, 0),
 ("ye-hodeidah-2024-10-20", "On 20 October 2024, houthi forces launched a missile at a commercial ship in the Red Sea off Hodeidah (Al Hudaydah). No damage was reported.", E, "Shelling/artillery/missile attack", 79415, 2, 0),
 ("ge-tbilisi-2024-10-27", "On 27 October 2024, hundreds of people rallied in Tbilisi (Tbilisi) against the election results.", P, "Peaceful protest", 611717, 1, 0),
 ("ua-kurakhove-2024-11-02", "On 2 November 2024, Russian forces captured the village of Kurakhove (Donetsk) after weeks of fighting.", B, "Non-state actor overtakes territory", 695357, 1, 0),
 ("cd-goma-2024-11-10", "On 10 November 2024, armed men raped two women near Goma (North Kivu).", V, "Sexual violence", 216281, 2, 0),
]
write('notes2', notes)
