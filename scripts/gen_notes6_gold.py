#!/usr/bin/env python3
# Builds tests/fixtures/incidents/notes6.gold.jsonl: a sixth set of notes in
# ACLED's note style, from conflicts and countries the other sets lack,
# written and coded by hand before eventmap ran on them; coordinates are read from data/gazetteer.csv (GeoNames) by id.
from incident_gold import E, B, V, P, R, S, write

notes = [
 ("co-arauca-2024-01-16", "On 15 January 2024, ELN guerrillas and FARC dissidents fought in rural Arauca (Arauca), leaving at least nine combatants dead.", B, "Armed clash", 3689718, 2, 9, "2024-01-15"),
 ("co-tumaco-2024-03-09", "On 8 March 2024, a motorcycle bomb exploded near a police station in Tumaco (Narino), injuring four officers.", E, "Remote explosive/landmine/IED", 3666640, 1, 0, "2024-03-08"),
 ("mx-reynosa-2024-05-21", "On 20 May 2024, cartel gunmen shot dead seven people at a family gathering in Reynosa (Tamaulipas).", V, "Attack", 3520339, 1, 7, "2024-05-20"),
 ("mx-celaya-2024-06-02", "On 1 June 2024, unidentified men abducted a local election candidate in Celaya (Guanajuato); her body was found two days later.", V, "Abduction/forced disappearance", 4014875, 1, 0, "2024-06-01"),
 ("ph-cotabato-2024-02-11", "On 10 February 2024, New People's Army rebels ambushed an army patrol near Cotabato (Bangsamoro), killing two soldiers.", B, "Armed clash", 1716771, 2, 2, "2024-02-10"),
 ("th-pattani-2024-04-26", "On 25 April 2024, insurgents detonated a roadside bomb targeting a ranger patrol in Pattani (Pattani), wounding three rangers.", E, "Remote explosive/landmine/IED", 1607978, 1, 0, "2024-04-25"),
 ("th-narathiwat-2024-08-12", "On 11 August 2024, suspected insurgents shot dead a village headman in Narathiwat (Narathiwat).", V, "Attack", 1608409, 1, 1, "2024-08-11"),
 ("in-churachandpur-2023-09-29", "On 28 September 2023, a mob of several thousand people set fire to the district collector's office in Churachandpur (Manipur) after the killing of two students.", R, "Mob violence", 1273909, 1, 0, "2023-09-28"),
 ("fr-nanterre-2023-06-28", "On 27 June 2023, youths rioted in Nanterre (Ile-de-France) after police shot dead a teenager during a traffic stop, burning cars and throwing fireworks at officers.", R, "Violent demonstration", 2990970, 1, 0, "2023-06-27"),
 ("fr-marseille-2024-03-09", "On 8 March 2024, thousands of people marched in Marseille (Provence-Alpes-Cote d'Azur) for International Women's Day.", P, "Peaceful protest", 2995469, 1, 0, "2024-03-08"),
 ("de-leipzig-2024-01-21", "On 20 January 2024, tens of thousands of people demonstrated in Leipzig (Saxony) against the far right.", P, "Peaceful protest", 2879139, 1, 0, "2024-01-20"),
 ("iq-nasiriyah-2024-07-08", "On 7 July 2024, security forces fired live rounds at protesters demanding electricity and jobs in Nasiriyah (Dhi Qar), killing one protester and wounding six.", P, "Excessive force against protesters", 98854, 1, 1, "2024-07-07"),
 ("ye-aden-2024-02-25", "On 24 February 2024, Southern Transitional Council forces took over government buildings in Aden (Aden) without resistance after the government's troops left the city.", S, "Non-violent transfer of territory", 415189, 1, 0, "2024-02-24"),
 ("cm-kumba-2024-05-04", "On 3 May 2024, Ambazonian separatists abducted 15 students from a secondary school in Kumba (South-West).", V, "Abduction/forced disappearance", 2229752, 1, 0, "2024-05-03"),
 ("cm-buea-2024-05-12", "On 11 May 2024, Cameroonian soldiers raped a woman during a raid on a neighbourhood of Buea (South-West), local rights groups said.", V, "Sexual violence", 2233410, 1, 0, "2024-05-11"),
 ("so-kismayo-2024-03-03", "On 2 March 2024, Jubaland forces and al-Shabaab militants exchanged fire on the outskirts of Kismayo (Lower Juba); the number of casualties is unknown.", B, "Armed clash", 55671, 2, 0, "2024-03-02"),
 ("so-beledweyne-2024-09-15", "On 14 September 2024, al-Shabaab announced that its fighters had pledged allegiance to a new commander for the Hiraan region, based near Beledweyne (Hiraan).", S, "Change to group/activity", 64460, 2, 0, "2024-09-14"),
 ("bf-kaya-2024-04-02", "On 1 April 2024, a military helicopter fired on a market near Kaya (Centre-Nord), killing about 20 civilians.", E, "Air/drone strike", 2359608, 2, 20, "2024-04-01"),
 ("bf-fada-2024-05-30", "On 29 May 2024, JNIM fighters laid siege to the town of Fada N'gourma (Est) and blocked all roads leading to it.", S, "Other", 2360886, 1, 0, "2024-05-29"),
 ("ml-gao-2024-01-10", "On 9 January 2024, Islamic State Sahel militants fired rockets at the MINUSMA camp in Gao (Gao). No casualties were reported.", E, "Shelling/artillery/missile attack", 2457163, 1, 0, "2024-01-09"),
 ("ml-kidal-2023-11-15", "On 14 November 2023, the Malian army and Wagner Group took control of Kidal (Kidal), which had been held by Tuareg rebels since 2014, after several days of fighting.", B, "Government regains territory", 2455290, 1, 0, "2023-11-14"),
 ("cd-rutshuru-2024-02-08", "On 7 February 2024, a bomb dropped from a drone hit a camp for displaced people near Rutshuru (North Kivu), killing six people.", E, "Air/drone strike", 206047, 2, 6, "2024-02-07"),
 ("ne-diffa-2024-03-19", "On 18 March 2024, Boko Haram fighters kidnapped twelve women who were collecting firewood near Diffa (Diffa).", V, "Abduction/forced disappearance", 2445704, 2, 0, "2024-03-18"),
 ("co-cucuta-2024-08-20", "On 19 August 2024, residents of Cucuta (Norte de Santander) held a peaceful march against insecurity and extortion.", P, "Peaceful protest", 3685533, 1, 0, "2024-08-19"),
 ("ec-guayaquil-2024-01-10", "On 9 January 2024, armed gang members stormed a television studio in Guayaquil (Guayas) during a live broadcast and took staff hostage; police later arrested 13 of them.", V, "Abduction/forced disappearance", 3657509, 1, 0, "2024-01-09"),
 ("ar-rosario-2024-03-11", "On 10 March 2024, gunmen shot dead a petrol station worker in Rosario (Santa Fe) in an attack claimed by a drug gang.", V, "Attack", 3838583, 1, 1, "2024-03-10"),
]
write('notes6', notes)
