#!/usr/bin/env python3
# Builds tests/fixtures/incidents/notes7.gold.jsonl: a seventh set of notes in
# ACLED's note style, on the sub-types most easily confused,
# written and coded by hand before eventmap ran on them; coordinates are read from data/gazetteer.csv (GeoNames) by id.
from incident_gold import E, B, V, P, R, S, write

notes = [
 ("ua-pokrovsk-2024-09-03", "On 2 September 2024, Russian forces hit Pokrovsk (Donetsk) with two guided aerial bombs, destroying a school. 1 civilian was killed.", E, "Air/drone strike", 704422, 1, 1, "2024-09-02"),
 ("ua-sumy-2024-10-16", "On 15 October 2024, Russian forces attacked Sumy (Sumy) with a Shahed drone, damaging an apartment building and injuring 5 civilians.", E, "Air/drone strike", 692194, 1, 0, "2024-10-15"),
 ("ua-kramatorsk-2024-07-10", "On 9 July 2024, Russian forces struck Kramatorsk (Donetsk) with an Iskander ballistic missile. No casualties were reported.", E, "Shelling/artillery/missile attack", 704508, 1, 0, "2024-07-09"),
 ("ps-khan-yunis-2024-02-14", "On 13 February 2024, Israeli forces and Hamas's Qassam Brigades engaged in fierce fighting in Khan Yunis (Gaza Strip). Casualties unknown.", B, "Armed clash", 281124, 1, 0, "2024-02-13"),
 ("ps-nablus-2024-05-22", "On 21 May 2024, Israeli settlers attacked Palestinian farmers with stones near Nablus (West Bank), injuring three of them.", V, "Attack", 282615, 2, 0, "2024-05-21"),
 ("sy-daraa-2024-06-11", "On 10 June 2024, an explosive device detonated in a car in Daraa (Daraa), killing a former opposition commander.", E, "Remote explosive/landmine/IED", 170905, 1, 1, "2024-06-10"),
 ("sy-raqqa-2024-03-25", "On 24 March 2024, Turkish drones targeted an SDF vehicle near Raqqa (Ar-Raqqa), killing 2 SDF members.", E, "Air/drone strike", 172955, 2, 2, "2024-03-24"),
 ("iq-mosul-2024-04-07", "On 6 April 2024, hundreds of graduates protested in front of the governorate building in Mosul (Ninewa) demanding jobs.", P, "Peaceful protest", 99072, 1, 0, "2024-04-06"),
 ("ye-sanaa-2024-07-21", "On 20 July 2024, US and UK warplanes carried out air strikes on Houthi targets near Sanaa (Sanaa).", E, "Air/drone strike", 71137, 2, 0, "2024-07-20"),
 ("sd-el-geneina-2023-11-06", "On 5 November 2023, RSF fighters and allied Arab militias killed at least 800 Masalit civilians in Ardamata, a suburb of El Geneina (West Darfur).", V, "Attack", 379303, 2, 800, "2023-11-05"),
 ("ss-malakal-2024-06-19", "On 18 June 2024, clashes between Shilluk and Nuer youths in a UN protection site in Malakal (Upper Nile) left 3 people dead.", R, "Mob violence", 370737, 1, 3, "2024-06-18"),
 ("cf-bambari-2024-01-31", "On 30 January 2024, UPC rebels attacked a FACA position near Bambari (Ouaka); two soldiers and five rebels were killed.", B, "Armed clash", 240604, 2, 7, "2024-01-30"),
 ("cm-mora-2024-08-15", "On 14 August 2024, Boko Haram militants raided a village near Mora (Far North), killing 4 civilians and looting livestock.", V, "Attack", 2225991, 2, 4, "2024-08-14"),
 ("ng-gusau-2024-03-02", "On 1 March 2024, bandits kidnapped more than 30 travellers on the road near Gusau (Zamfara).", V, "Abduction/forced disappearance", 2339937, 2, 0, "2024-03-01"),
 ("ng-jos-2024-01-25", "On 24 January 2024, youths in Jos (Plateau) blocked roads and burned tyres to protest the killing of villagers in Mangu.", P, "Peaceful protest", 2335953, 1, 0, "2024-01-24"),
 ("ml-menaka-2024-02-20", "On 19 February 2024, Islamic State Sahel fighters executed 5 civilians accused of collaborating with the army in Menaka (Menaka).", V, "Attack", 2453514, 1, 5, "2024-02-19"),
 ("ke-mandera-2024-04-23", "On 22 April 2024, an IED struck a Kenya Defence Forces vehicle near Mandera (Mandera), wounding 4 soldiers.", E, "Remote explosive/landmine/IED", 187896, 2, 0, "2024-04-22"),
 ("so-galkayo-2024-07-30", "On 29 July 2024, clan militias fought over grazing land near Galkayo (Mudug), killing at least 6 people.", B, "Armed clash", 59611, 2, 6, "2024-07-29"),
 ("af-jalalabad-2024-05-06", "On 5 May 2024, Taliban authorities detained two women's rights activists in Jalalabad (Nangarhar).", S, "Arrests", 1139715, 1, 0, "2024-05-05"),
 ("pk-bannu-2024-07-16", "On 15 July 2024, militants attacked the Bannu (Khyber Pakhtunkhwa) cantonment with an explosives-laden vehicle, followed by a gunfight with soldiers; 8 soldiers and 10 militants were killed.", B, "Armed clash", 1183460, 1, 18, "2024-07-15"),
 ("mm-lashio-2024-08-04", "On 3 August 2024, the Myanmar National Democratic Alliance Army captured Lashio (Shan) from the military after a month of fighting.", B, "Non-state actor overtakes territory", 1314759, 1, 0, "2024-08-03"),
 ("in-sukma-2024-01-31", "On 30 January 2024, Maoist insurgents killed three CRPF personnel in an encounter near Sukma (Chhattisgarh).", B, "Armed clash", 11876655, 2, 3, "2024-01-30"),
 ("mx-acapulco-2024-06-25", "On 24 June 2024, gunmen shot at a public transport vehicle in Acapulco (Guerrero), killing the driver and a passenger.", V, "Attack", 3533462, 1, 2, "2024-06-24"),
 ("ht-port-de-paix-2024-05-09", "On 8 May 2024, residents of Port-de-Paix (Nord-Ouest) erected burning barricades to protest fuel shortages.", P, "Peaceful protest", 3718420, 1, 0, "2024-05-08"),
 ("co-buenaventura-2024-03-19", "On 18 March 2024, members of the Shottas and Espartanos gangs clashed in Buenaventura (Valle del Cauca), leaving 3 dead and 4 wounded.", B, "Armed clash", 3688452, 1, 3, "2024-03-18"),
 ("ve-maracaibo-2024-07-31", "On 30 July 2024, National Guard troops fired tear gas and rubber bullets at people protesting the election results in Maracaibo (Zulia).", P, "Protest with intervention", 3633009, 1, 0, "2024-07-30"),
]
write('notes7', notes)
