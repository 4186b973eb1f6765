#!/usr/bin/env python3
# Builds tests/fixtures/incidents/notes4.gold.jsonl: a fourth set of notes in
# ACLED's note style, protests and riots most, written and coded by hand before
# eventmap ran on them; coordinates are read from data/gazetteer.csv (GeoNames) by id.
from incident_gold import E, B, V, P, R, S, write

notes = [
 ("co-medellin-2024-03-08", "On 8 March 2024, around 300 women marched through the centre of Medellin (Antioquia) to demand an end to gender-based violence. [size=around 300]", P, "Peaceful protest", 3674962, 1, 0),
 ("co-cali-2024-05-01", "On 1 May 2024, trade unionists held a rally in Cali (Valle del Cauca) for International Workers' Day.", P, "Peaceful protest", 3687925, 1, 0),
 ("ph-marawi-2024-02-18", "On 18 February 2024, soldiers of the Philippine Army clashed with Dawlah Islamiyah militants near Marawi City (Lanao del Sur), killing four militants.", B, "Armed clash", 1701053, 2, 4),
 ("cm-bamenda-2024-01-22", "On 22 January 2024, Ambazonian separatist fighters burned down a school in Bamenda (North-West) and kidnapped two teachers.", V, "Abduction/forced disappearance", 2234974, 1, 0),
 ("mz-mocimboa-2024-04-10", "On 10 April 2024, Islamic State Mozambique Province militants beheaded three civilians in a village near Mocimboa da Praia (Cabo Delgado).", V, "Attack", 1024699, 2, 3),
 ("et-gonder-2024-02-02", "On 2 February 2024, Ethiopian National Defence Forces conducted a drone strike on a minibus near Gonder (Amhara), killing at least 8 passengers.", E, "Air/drone strike", 336014, 2, 8),
 ("iq-kirkuk-2023-09-02", "On 2 September 2023, Kurdish and Arab demonstrators clashed in Kirkuk (Kirkuk), with some of them throwing stones at each other; 4 people were shot dead.", R, "Violent demonstration", 94787, 1, 4),
 ("sy-deir-ez-zor-2024-01-05", "On 5 January 2024, unidentified aircraft struck positions of Iran-backed militias in Deir ez-Zor (Deir ez-Zor), killing 6 fighters.", E, "Air/drone strike", 170794, 1, 6),
 ("ye-taiz-2024-03-12", "On 12 March 2024, a Houthi sniper shot and killed a child in the Al-Dhabab area of Taiz (Taiz).", V, "Attack", 70225, 1, 1),
 ("ly-sirte-2024-06-03", "On 3 June 2024, armed groups loyal to Khalifa Haftar set up a new military headquarters in Sirte (Surt).", S, "Headquarters or base established", 2210554, 1, 0),
 ("lb-tyre-2024-10-07", "On 7 October 2024, Israeli warplanes bombed residential buildings in Tyre (South), killing 11 people, the Lebanese health ministry said.", E, "Air/drone strike", 267008, 1, 11),
 ("af-kandahar-2024-05-17", "On 17 May 2024, dozens of shopkeepers closed their shops and protested in Kandahar (Kandahar) against new taxes imposed by the Taliban.", P, "Peaceful protest", 1138336, 1, 0),
 ("in-srinagar-2024-11-03", "On 3 November 2024, suspected militants hurled a grenade at a crowded market in Srinagar (Jammu and Kashmir), injuring 12 civilians.", E, "Grenade", 1255634, 1, 0),
 ("pk-quetta-2024-11-09", "On 9 November 2024, a suicide bomber blew himself up at the railway station in Quetta (Balochistan), killing at least 26 people, including 14 soldiers.", E, "Suicide bomb", 1167528, 1, 26),
 ("bd-chattogram-2024-07-18", "On 18 July 2024, students clashed with supporters of the ruling party in Chittagong (Chittagong); police fired tear gas and rubber bullets, and 3 people were killed.", R, "Violent demonstration", 1205733, 1, 3),
 ("mm-sittwe-2024-05-25", "On 25 May 2024, the Arakan Army shelled Myanmar military positions in Sittwe (Rakhine). Fatalities unknown.", E, "Shelling/artillery/missile attack", 1295765, 1, 0),
 ("pe-lima-2024-10-10", "On 10 October 2024, transport workers went on strike and marched in Lima (Lima) to protest extortion by criminal gangs.", P, "Peaceful protest", 3936456, 1, 0),
 ("ng-kano-2024-08-01", "On 1 August 2024, police fired tear gas at hundreds of protesters demonstrating against the cost of living in Kano (Kano), and at least 3 protesters were shot dead.", P, "Excessive force against protesters", 2335204, 1, 3),
 ("ml-bamako-2024-09-17", "On 17 September 2024, JNIM militants attacked the gendarmerie school and the airport in Bamako (Bamako). More than 70 people were killed.", B, "Armed clash", 2460596, 1, 70),
 ("ne-niamey-2023-08-06", "On 6 August 2023, thousands of supporters of the military junta rallied in Niamey (Niamey).", P, "Peaceful protest", 2440485, 1, 0),
 ("ss-juba-2024-04-03", "On 3 April 2024, the National Security Service arrested a journalist in Juba (Central Equatoria) over a critical article.", S, "Arrests", 373303, 1, 0),
 ("pk-peshawar-2024-07-31", "On 31 July 2024, a remote-controlled bomb targeted a police van in Peshawar (Khyber Pakhtunkhwa), wounding five policemen.", E, "Remote explosive/landmine/IED", 1168197, 1, 0),
 ("pk-karachi-2024-10-06", "On 6 October 2024, a car bomb exploded near Karachi airport (Sindh), killing two Chinese nationals.", E, "Remote explosive/landmine/IED", 1174872, 2, 2),
 ("np-kathmandu-2024-03-28", "On 28 March 2024, police used batons and water cannon against royalist protesters in Kathmandu (Bagmati).", P, "Protest with intervention", 1283240, 1, 0),
 ("ke-kisumu-2024-06-25", "On 25 June 2024, protesters in Kisumu (Kisumu) burned tyres, looted shops and threw stones at police.", R, "Violent demonstration", 191245, 1, 0),
 ("et-mekele-2023-12-20", "On 20 December 2023, hundreds of displaced people in Mekele (Tigray) held a demonstration calling for their return home.", P, "Peaceful protest", 331180, 1, 0),
 ("sn-dakar-2024-02-09", "On 9 February 2024, security forces dispersed opposition supporters protesting the postponement of the election in Dakar (Dakar) with tear gas.", P, "Protest with intervention", 2253354, 1, 0),
 ("ng-maiduguri-2024-06-29", "On 29 June 2024, female suicide bombers attacked a wedding and a hospital in Gwoza near Maiduguri (Borno), killing 18 people.", E, "Suicide bomb", 2339665, 1, 18),
 ("cd-bunia-2024-06-05", "On 5 June 2024, CODECO militiamen attacked a displacement camp near Bunia (Ituri), killing 10 civilians with machetes.", V, "Attack", 217695, 2, 10),
 ("cd-beni-2024-06-07", "On 7 June 2024, ADF rebels killed 41 civilians in an attack on villages near Beni (North Kivu).", V, "Attack", 219057, 2, 41),
 ("ru-belgorod-2024-05-12", "On 12 May 2024, part of a ten-storey apartment block in Belgorod (Belgorod) collapsed after it was hit by debris from an intercepted Ukrainian missile, killing 15 people.", E, "Shelling/artillery/missile attack", 578072, 1, 15),
 ("ua-zaporizhzhia-2024-04-06", "On 6 April 2024, Russian forces launched a missile strike on Zaporizhzhia (Zaporizhzhia), killing 4 people and wounding 20.", E, "Shelling/artillery/missile attack", 687700, 1, 4),
 ("ke-mombasa-2024-07-02", "On 2 July 2024, rioting youths set a police station on fire in Mombasa (Mombasa).", R, "Violent demonstration", 186301, 1, 0),
]
write('notes4', notes)
