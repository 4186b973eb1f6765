//! The trigger lexicons' patterns: one alternation of words per kind of
//! event, compiled with ASCII word boundaries and ASCII case folding (all that
//! English trigger words need).
//!
//! Shared with `build.rs`, which compiles [`GATE`] and [`SET`] into dense DFAs
//! that the binary reads in place: determinising them lazily cost each worker
//! thread ~15 % of its instructions on a few thousand new articles.
pub const KILL: &str = r"\b(killed|killing|kills|dead|died|dies|deaths?|death toll|lost (their|his|her) lives|perished|massacred?|slain|executed|lynched|beheaded|beheading|gunned down|fatalit(y|ies)|bodies|lives)\b";
pub const INJURE: &str = r"\b(wounded|wounding|injured|injuring|injuries|hurt|casualties)\b";
pub const DAMAGE: &str = r"\b(damaged|damaging|destroyed|destroying|hit|struck|burned|ablaze|set (on )?fire|razed|flattened|demolished)\b";
pub const ARTY: &str = r"\b(shell(s|ed|ing)?|artillery|rockets?|missiles?|mortars?|grad|himars|mlrs|howitzers?|multiple[- ]launch|cluster munitions?|ballistic|tank fire|bombardment|bombarded)\b";
pub const ARTY_ACT: &str = r"\b(fired|firing|fires|launched|launching|struck|strikes?|hit|hits|attacks?|attacked|came under|come under|comes under|coming under|destroyed|damaged|killed|injured|wounded|shelled|shelling|bombard(ed|ment)|pounded|rained|landed|exploded)\b";
pub const AIR: &str = r"\b((guided|glide|aerial|gliding|cluster|barrel|unguided|laser-guided) bombs?|air ?strikes?|air raids?|air attacks?|aerial (attack|bombardment|strike)s?|warplanes?|fighter jets?|jets? (struck|bombed|attacked)|aircraft (struck|bombed|attacked|targeted|hit)|gunships?|helicopters? (fired|attacked|struck)|bombed|bombing raids?|barrel bombs?|drone (strike|attack)s?|(kamikaze|attack|suicide|loitering|armed) drones?|shaheds?|uav (strike|attack)s?)\b";
pub const DRONE: &str = r"\b(drones?|uavs?|unmanned aerial vehicles?)\b";
pub const INTERCEPT: &str = r"\b(intercept(ed|s|ing|ion|ions)?|shot down|shoots down|shooting down|downed|air defen[cs]es? (destroyed|repelled|neutrali[sz]ed)|(destroyed|neutrali[sz]ed) (\d+ of (the )?\d+ |all |\d+ )?(russian |iranian |enemy |hostile |attack |kamikaze |shahed |houthi |incoming )?(drones|missiles|shaheds|uavs|rockets))\b";
pub const DEBRIS: &str = r"\b(debris|fragments?|shrapnel|wreckage|falling)\b";
pub const IED: &str = r"\b(ieds?|improvised explosive|(bomb|bombing) (blast|attack|explosion)s?|explosion of an? (device|bomb|explosive)|a bombing|bomb (blast|explosion)|magnetic bomb|sticky bomb|roadside bombs?|land ?mines?|mines? (exploded|blast)|car bombs?|vbieds?|explosive devices?|booby[- ]trap(ped|s)?|bomb exploded|bomb went off|remote[- ]controlled (bomb|device|explosive|ied)s?|(planted|homemade|pipe|magnetic|parcel) bombs?|bomb (ripped|tore) through)\b";
pub const SUICIDE: &str = r"\bsuicide (bomb(er|ers|ing|ings)?|attack(er|ers|s)?|vests?|car bomb)\b";
pub const GRENADE: &str = r"\bgrenades?\b";
pub const CHEMICAL: &str =
    r"\b(chemical (weapons?|attacks?|agents?)|chlorine|sarin|nerve agents?|toxic gas|gas attack)\b";
pub const CLASH: &str = r"\b(clash(es|ed)?|fighting|fought|battles?|battled|gun ?fights?|fire ?fights?|exchanges? of (artillery |heavy |small arms |rocket |mortar |tank )?fire|exchanged (artillery |heavy |small arms |rocket |mortar |tank )?fire|skirmish(es)?|ambush(ed|es)?|stormed|assaulted|attacked the (city|town|village|base|positions?|checkpoint)|fight (to|for)|engaged)\b";
pub const TAKE: &str = r"\b(captured?|capturing|took (full )?control|taken (full )?control|tak(en|ing) over|took over|seized|seizing|seize|(ha[sd]|have|having) taken|(?-i:taking [A-Z]|taken [A-Z])|overr(a|u)n|fell to|falling to|(established|establish|establishing|gained|gaining|assumed|seized) (full |complete |total )?control|in (full |complete |total )?control|liberat(ed|ion|ing)|occupied (the|a|an)|entered the (city|town|village)|raised (its|their|the) flags?)\b";
pub const RETAKE: &str = r"\b(recaptur(ed|e|ing)|retook|retak(en|ing)|regained|regain|recovered control|took back|taken back|won back|liberated)\b";
pub const WITHDRAW: &str =
    r"\b(withdr(ew|awn|awal)|retreat(ed)?|pulled (back|out)|pull(ing)? (back|out)|abandoned)\b";
pub const NONVIOLENT: &str = r"\b(without (a )?(fight|resistance|fighting|a shot)|handed over|peacefully|no resistance|surrendered the)\b";
pub const ATTACK: &str = r"\b(attacks?|attacked|strikes?|struck|raids?|raided|bombardment|explosions?|blasts?|exploded)\b";
pub const ANAPHORA: &str =
    r"\b(the (city|town|village|area|region|province|district|settlement|base|camp)|there|it)\b";
pub const CIVILIANS: &str = r"\b(civilians?|villagers?|residents?|people|farmers?|herders?|women|children|worshippers?|students?|passengers?|family|families|men|man|woman|boy|girl|teachers?|journalists?|aid workers?|traders?|displaced)\b";
pub const ARMED: &str = r"\b(gang(s|sters| members)?|gunm[ae]n|militants?|armed men|assailants?|attackers?|jihadists?|bandits?|insurgents?|militia(men|s)?|rebels?|terrorists?|fighters|soldiers|troops|police(men)?|security forces|army)\b";
pub const ABDUCT: &str = r"\b(abduct(ed|ion|ions|s|ing)?|kidnap(ped|ping|pings|s)?|taken hostage|held hostage|hostages?|forcibly disappeared|enforced disappearance)\b";
pub const SEXUAL: &str = r"\b(rap(ed|e|es|ing)|sexual(ly)? (assault(ed)?|violence|abuse(d)?))\b";
pub const PROTEST: &str = r"\b(protest(s|ed|ers|ors|ing)?|demonstrat(ion|ions|ors|ed|ing)|rall(y|ies|ied)|sit-ins?|marched|(held|staged|organi[sz]ed) a (march|vigil|strike|walkout)|protest march|took to the streets|(held|staged|organi[sz]ed|holding|staging) an? (peaceful |silent |solidarity |candlelight |protest |mass )?(march|vigil|strike|walkout|sit-in|rally|demonstration|protest)|picket(s|ed|ing)?|went on strike|general strike|strikers)\b";
pub const INTERVENTION: &str = r"\b(dispers(ed|e|ing)|tear ?gas|water cannons?|rubber bullets|arrested|detained|batons?|broke up|break up|beat(en)?)\b";
pub const EXCESSIVE: &str = r"\b((opened fire|fired) on (the )?(protesters|demonstrators|crowds?)|live (ammunition|rounds|fire)|(protesters|demonstrators) (were )?(killed|shot dead))\b";
pub const RIOT: &str = r"\b(riot(s|ers|ing|ed)?|violent (protests?|demonstrations?)|clashed with (the )?(police|security forces)|(threw|throwing|throw|hurled|hurling) (stones|rocks|molotov)|stone[- ]pelting|torched|vandali[sz](ed|ing))\b";
pub const MOB: &str = r"\b(mobs?|lynch(ed|ing|ings)?|vigilantes?|angry crowd|mob justice)\b";
pub const ARREST: &str = r"\b(arrest(ed|s|ing)?|detain(ed|s|ing)?|detention|taken into custody|apprehended|rounded up)\b";
pub const AGREEMENT: &str = r"\b(cease-?fire|truce|peace (deal|agreement|accord|talks)|signed (an? )?(agreement|deal|accord)|prisoner (exchange|swap)s?|exchanged prisoners)\b";
pub const BASE: &str = r"\b(established|set up|opened|building|built) (a |an |its |their )?(new )?(military )?(base|headquarters|outpost|camp)s?\b";
pub const LOOT: &str = r"\b(loot(ed|ing)|pillag(ed|ing)|ransack(ed|ing)|(destroyed|demolished|bulldozed|burned|burnt|torched|razed|set fire to|set ablaze) ((more than|over|about|around|at least) )?(\w+ ){0,2}(homes?|houses?|buildings?|property|properties|shops?|crops|granar(y|ies)|villages?|huts?|markets?|vehicles?|cars?|structures?))\b";
pub const SIEGE: &str = r"\b(laid siege to|lay siege to|laying siege to|(besieged|besieging|blockaded|blockading) (the|a|an)|(imposed|imposing) an? (blockade|siege))\b";
pub const CHANGE: &str = r"\b(merged|disbanded|dissolved|renamed|joined forces|pledged allegiance|announced the formation|new armed group|defected)\b";
pub const IRREALIS: &str = r"\b(would|could|might|(?-i:may)|(?-i:will)|shall|plans?|planned|planning|threat(en|ens|ened)?|goal|aim(s|ed)?|seek(s|ing)?|sought|trying|tried|attempt(s|ed|ing)?|vowed|warned|if|unless|no|not|never|nobody|none|denied|deny|denies|false|fake|since|prevent(ed)?|ready to)\b";
pub const SPEECH: &str = r"\b(said|says|say|claimed|claims|claim|stated|states|reported|reports|announced|announces|told|tells|added|wrote|writes|confirmed|confirms|alleged|according to|accused|noted|described)\b";
pub const NEAR: &str = r"\b(near|outside|outskirts of|close to|vicinity of|around|on the edge of|north of|south of|east of|west of|km from|kilometres from|kilometers from|miles from)\s*$";
pub const LARGE: &str = r"\b(massacre|mass killing|scores of|large-scale|carnage|mass casualty)\b";
pub const SHOOTING: &str = r"\b(opened fire|open fire|shot (at|dead|and killed)|snipers?|shooting|gunfire|gunshots?|fired (at|on) (the )?(people|civilians|crowd|worshippers|passengers|residents))\b";
pub const PERPETRATORS: &str = r"\b(gang(s|sters| members)?|gunm[ae]n|snipers?|militants?|armed (men|group|groups)|assailants?|attackers?|jihadists?|bandits?|insurgents?|militia(men|s)?|rebels?|terrorists?|fighters|soldiers|troops|security forces|army|police|policemen|forces|paramilitar(y|ies)|combatants)\b";
pub const POLITICAL: &str = r"\b(journalists?|reporters?|activists?|opposition|protesters?|demonstrators?|politicians?|lawmakers?|mps?|dissidents?|candidates?|party (members?|leaders?|officials?)|militants?|rebels?|insurgents?|jihadists?|separatists?|bloggers?|critics?|student leaders?|unionists?|trade union|human rights|terror(ism|ist|ists)?|sedition|treason|espionage|spying|extremis[mt]s?|coup|plot(ting)?|(cartel|gang|group|militia|rebel|opposition|armed group|faction) (leaders?|commanders?|bosses|boss|chiefs?|members?)|kingpins?|warlords?|members of (the )?\w+ (group|movement|party|organi[sz]ation)|suspected (militants?|members|fighters|rebels|insurgents))\b";

/// Every lexicon, in the order of the set's pattern ids: one pass of the
/// set says which of them match a sentence.
pub const SET: &[&str] = &[
    KILL,
    INJURE,
    DAMAGE,
    ARTY,
    ARTY_ACT,
    AIR,
    DRONE,
    INTERCEPT,
    DEBRIS,
    IED,
    SUICIDE,
    GRENADE,
    CHEMICAL,
    CLASH,
    TAKE,
    RETAKE,
    WITHDRAW,
    NONVIOLENT,
    ATTACK,
    ANAPHORA,
    CIVILIANS,
    ARMED,
    ABDUCT,
    SEXUAL,
    PROTEST,
    INTERVENTION,
    EXCESSIVE,
    RIOT,
    MOB,
    ARREST,
    AGREEMENT,
    BASE,
    LOOT,
    CHANGE,
    IRREALIS,
    SPEECH,
    NEAR,
    LARGE,
    SHOOTING,
    PERPETRATORS,
    POLITICAL,
    SIEGE,
];

/// The lexicons any of which makes a sentence a candidate: one alternation
/// of them is the gate every sentence passes first.
pub const GATE: &[&str] = &[
    KILL, INJURE, ARTY, AIR, DRONE, INTERCEPT, IED, SUICIDE, GRENADE, CHEMICAL, CLASH, TAKE,
    RETAKE, WITHDRAW, ATTACK, ABDUCT, SEXUAL, PROTEST, RIOT, MOB, ARREST, AGREEMENT, BASE, LOOT,
    CHANGE, SHOOTING, SIEGE,
];

/// How every trigger pattern is read: ASCII classes and word boundaries,
/// ASCII case folding.
pub fn syntax() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new()
        .unicode(false)
        .case_insensitive(true)
}
