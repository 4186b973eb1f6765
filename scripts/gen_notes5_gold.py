#!/usr/bin/env python3
# Builds tests/fixtures/incidents/notes5.gold.jsonl: newswire items (wire
# datelines, weekdays, background events, several events in one item),
# written and coded by hand before eventmap ran on them; coordinates are read from data/gazetteer.csv (GeoNames) by id.
from incident_gold import E, B, V, P, R, S, write

notes = [
 ("ua-odesa-2024-03-19", "KYIV, March 19 (Reuters) - Russian drones struck the southern Ukrainian city of Odesa on Monday, damaging port infrastructure and wounding two people, the regional governor said. Separately, Russian shelling killed a civilian in the town of Nikopol on Monday, officials said.", E, "Air/drone strike", 698740, 1, 0, "2024-03-18"),
 ("ua-odesa-2024-03-19", None, E, "Shelling/artillery/missile attack", 700051, 1, 1, "2024-03-18"),
 ("ng-zaria-2024-05-11", "ABUJA, May 11 (Reuters) - Gunmen killed 12 villagers in an attack on a village near Zaria in Nigeria's Kaduna state on Friday, police said. Residents said the attackers also burned houses. The attack came two weeks after bandits abducted 87 people in another village.", V, "Attack", 2317765, 2, 12, "2024-05-10"),
 ("ke-nairobi-2024-06-26", "Protesters in Nairobi's central business district threw stones at police on Tuesday, and officers responded with tear gas, witnesses said. The demonstrations against a proposed finance bill also spread to Mombasa and Kisumu, where they were peaceful.", R, "Violent demonstration", 184745, 1, 0, "2024-06-25"),
 ("ke-nairobi-2024-06-26", None, P, "Peaceful protest", 186301, 1, 0, "2024-06-25"),
 ("ke-nairobi-2024-06-26", None, P, "Peaceful protest", 191245, 1, 0, "2024-06-25"),
 ("sy-damascus-2024-01-04", "DAMASCUS, Jan 4 (Reuters) - Israeli air strikes hit targets near Damascus airport on Wednesday, Syrian state media said, the latest in a series of strikes on Iran-linked groups in Syria. There were no immediate reports of casualties.", E, "Air/drone strike", 170654, 2, 0, "2024-01-03"),
 ("sd-singa-2024-11-22", "Sudan's army said on Thursday it had retaken the town of Singa, the capital of Sennar state, from the paramilitary Rapid Support Forces after days of fighting.", B, "Government regains territory", 366847, 1, 0, "2024-11-21"),
 ("ps-ramallah-2024-08-10", "Hundreds of Palestinians marched in Ramallah on Friday to protest against the killing of a teenager by Israeli forces, the Palestinian news agency WAFA reported.", P, "Peaceful protest", 282239, 1, 0, "2024-08-09"),
 ("so-mogadishu-2024-02-17", "MOGADISHU, Feb 17 (Reuters) - Al Shabaab militants fired mortar shells at the presidential palace in Mogadishu on Saturday, wounding three people, police said.", E, "Shelling/artillery/missile attack", 53654, 1, 0, "2024-02-17"),
 ("mm-monywa-2024-04-12", "Myanmar's military launched air strikes on a village near Monywa in the Sagaing region on Thursday, killing at least 30 people including children, local residents and a rebel group said.", E, "Air/drone strike", 1308522, 2, 30, "2024-04-11"),
 ("bd-dhaka-2023-10-26", "Police in Bangladesh's capital Dhaka arrested 120 opposition activists on Wednesday ahead of a planned anti-government rally, the party said on Thursday.", S, "Arrests", 1185241, 1, 0, "2023-10-25"),
 ("ne-tillaberi-2024-03-21", "Suspected jihadists killed 15 people, including 8 soldiers, in an attack on a military post in Tillaberi region in western Niger on Tuesday, the defence ministry said.", B, "Armed clash", 2438678, 3, 15, "2024-03-19"),
]
write('notes5', notes)
