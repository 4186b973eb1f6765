#!/usr/bin/env python3
# Builds tests/fixtures/incidents/notes8.gold.jsonl: an eighth set of notes in
# ACLED's note style, the last held-out check of the session,
# written and coded by hand before eventmap ran on them; coordinates are read from data/gazetteer.csv (GeoNames) by id.
from incident_gold import E, B, V, P, R, S, write

notes = [
 ("ua-bakhmut-2023-05-21", "On 20 May 2023, Wagner Group forces took full control of Bakhmut (Donetsk) after months of heavy fighting with Ukrainian forces.", B, "Non-state actor overtakes territory", 713174, 1, 0, "2023-05-20"),
 ("ua-avdiivka-2024-02-18", "On 17 February 2024, Ukrainian forces withdrew from Avdiivka (Donetsk) and Russian forces took control of the town.", S, "Non-violent transfer of territory", 713122, 1, 0, "2024-02-17"),
 ("ps-beit-lahia-2024-10-30", "On 29 October 2024, an Israeli air strike hit a five-storey residential building in Beit Lahia (Gaza Strip), killing at least 93 people.", E, "Air/drone strike", 281145, 1, 93, "2024-10-29"),
 ("ps-rafah-2024-05-28", "On 27 May 2024, Israeli tanks shelled tents of displaced people west of Rafah (Gaza Strip), killing 21 people.", E, "Shelling/artillery/missile attack", 281102, 2, 21, "2024-05-27"),
 ("sy-afrin-2024-04-15", "On 14 April 2024, Turkish-backed Syrian National Army factions clashed with each other in Afrin (Aleppo), leaving 2 fighters dead.", B, "Armed clash", 174186, 1, 2, "2024-04-14"),
 ("iq-fallujah-2024-03-08", "On 7 March 2024, Iraqi security forces arrested three suspected Islamic State members in Fallujah (Anbar).", S, "Arrests", 99454, 1, 0, "2024-03-07"),
 ("sd-kadugli-2024-06-23", "On 22 June 2024, the SPLM-N shelled Kadugli (South Kordofan), killing 4 civilians and injuring 11.", E, "Shelling/artillery/missile attack", 373141, 1, 4, "2024-06-22"),
 ("ss-bentiu-2024-08-10", "On 9 August 2024, hundreds of residents of Bentiu (Unity) protested against delays in salary payments.", P, "Peaceful protest", 377472, 1, 0, "2024-08-09"),
 ("cf-bangui-2024-02-26", "On 25 February 2024, unidentified armed men abducted a Chinese national in Bangui (Bangui).", V, "Abduction/forced disappearance", 2389853, 1, 0, "2024-02-25"),
 ("cm-kousseri-2024-09-12", "On 11 September 2024, Boko Haram militants attacked a military outpost near Kousseri (Far North); three soldiers were killed.", B, "Armed clash", 2229798, 2, 3, "2024-09-11"),
 ("ng-bama-2024-07-04", "On 3 July 2024, a landmine planted by ISWAP exploded on the Bama-Banki road near Bama (Borno), killing 5 farmers.", E, "Remote explosive/landmine/IED", 2347954, 2, 5, "2024-07-03"),
 ("ng-makurdi-2024-04-21", "On 20 April 2024, suspected herders killed 11 people in an attack on farming communities near Makurdi (Benue).", V, "Attack", 2331140, 2, 11, "2024-04-20"),
 ("ke-garissa-2024-06-05", "On 4 June 2024, al-Shabaab militants ambushed a police patrol near Garissa (Garissa), wounding two officers.", B, "Armed clash", 197745, 2, 0, "2024-06-04"),
 ("af-kabul-2024-09-03", "On 2 September 2024, an Islamic State suicide bomber blew himself up in southern Kabul (Kabul), killing 6 people.", E, "Suicide bomb", 1138958, 1, 6, "2024-09-02"),
 ("pk-khuzdar-2024-05-19", "On 18 May 2024, a grenade attack on the house of a local politician in Khuzdar (Balochistan) killed one person.", E, "Grenade", 1173664, 1, 1, "2024-05-18"),
 ("mm-myitkyina-2024-11-02", "On 1 November 2024, the Myanmar military carried out an airstrike on a church compound near Myitkyina (Kachin), killing 9 civilians.", E, "Air/drone strike", 1307741, 2, 9, "2024-11-01"),
 ("mm-hpakant-2024-03-07", "On 6 March 2024, the Kachin Independence Army and Myanmar troops fought near Hpakant (Kachin). Fatalities unknown.", B, "Armed clash", 1323815, 2, 0, "2024-03-06"),
 ("pg-port-moresby-2024-01-11", "On 10 January 2024, rioters looted shops and set fire to buildings in Port Moresby (National Capital) after a police strike; 15 people were killed.", R, "Violent demonstration", 2088122, 1, 15, "2024-01-10"),
 ("mx-tijuana-2024-02-13", "On 12 February 2024, journalists marched in Tijuana (Baja California) to demand justice for murdered colleagues.", P, "Peaceful protest", 3981609, 1, 0, "2024-02-12"),
 ("co-barranquilla-2024-04-09", "On 8 April 2024, members of the Los Costenos gang threw an explosive device at a shop in Barranquilla (Atlantico), injuring two people.", E, "Remote explosive/landmine/IED", 3689147, 1, 0, "2024-04-08"),
 ("hn-san-pedro-sula-2024-06-19", "On 18 June 2024, a prison riot in Tamara was followed by protests of inmates' relatives in San Pedro Sula (Cortes) that police broke up with tear gas.", P, "Protest with intervention", 3601782, 1, 0, "2024-06-18"),
 ("pk-lakki-marwat-2024-10-12", "On 11 October 2024, traders in Lakki Marwat (Khyber Pakhtunkhwa) staged a sit-in against the rising number of militant attacks in the district.", P, "Peaceful protest", 1172339, 1, 0, "2024-10-11"),
]
write('notes8', notes)
