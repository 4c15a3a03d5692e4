<?php
/**
 * Deterministic content for the longform-archiver WordPress fixture, shaped
 * like a long-form analysis site (FDD's Long War Journal): staff authors and
 * co-authored bylines, 56 long posts 2014-2024 with categories and tags,
 * images, footnotes, author bios and a donation appeal, and reader comments
 * (paginated, threaded to depth 5, pingbacks/trackbacks, pending and spam).
 *
 * Run by up.sh (php seed.php). Seeds once: a database that already carries
 * the "longform_fixture_seed" option is left alone. Everything is derived from
 * a fixed random seed and fixed dates, so a fresh state dir always gets the
 * same IDs, slugs, dates and texts (start over: down.sh --purge; up.sh).
 *
 * Seed-time settings (environment):
 *   WP_THEME          twentytwentyone (default) | twentytwentytwo | twentytwentythree
 *   WP_PERMALINKS     lwj (default: /archives/%year%/%monthnum%/%postname%.php) | common | plain
 *   WP_COMMENTS_PAGE  newest (default, WordPress's own default) | oldest
 * All three can be changed later with configure.sh.
 */
define('WP_POST_REVISIONS', false); // no revision rows dated "now"

require __DIR__ . '/_bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once __DIR__ . '/_settings.php';

const LF_SEED_VERSION = 1;
const LF_RANDOM_SEED = 20140611;
const LF_SITE_NAME = 'The Long View Journal';

if (get_option('longform_fixture_seed')) {
    echo "already-seeded\n";
    exit(0);
}
if (get_user_by('login', 'broggio')) {
    fwrite(STDERR, "database holds a partial seed; start over with down.sh --purge && up.sh\n");
    exit(1);
}

$t0 = microtime(true);
mt_srand(LF_RANDOM_SEED, MT_RAND_MT19937);

/* ------------------------------------------------------------ helpers --- */
function lf_rand(int $min, int $max): int
{
    return mt_rand($min, $max);
}
function lf_pick(array $a)
{
    return $a[mt_rand(0, count($a) - 1)];
}
function lf_chance(float $p): bool
{
    return mt_rand(0, 999999) < (int) round($p * 1000000);
}
/** n distinct elements, deterministic (Fisher-Yates on mt_rand). */
function lf_sample(array $a, int $n): array
{
    $a = array_values($a);
    for ($i = count($a) - 1; $i > 0; $i--) {
        $j = mt_rand(0, $i);
        [$a[$i], $a[$j]] = [$a[$j], $a[$i]];
    }
    return array_slice($a, 0, $n);
}
function lf_tz(): DateTimeZone
{
    return new DateTimeZone('America/New_York');
}
function lf_ts(string $local): int
{
    return (new DateTimeImmutable($local, lf_tz()))->getTimestamp();
}
function lf_local(int $ts): string
{
    return (new DateTimeImmutable('@' . $ts))->setTimezone(lf_tz())->format('Y-m-d H:i:s');
}
function lf_gmt(int $ts): string
{
    return gmdate('Y-m-d H:i:s', $ts);
}
function lf_fill(string $tpl, array $ctx): string
{
    return preg_replace_callback('/\{(\w+)\}/', function ($m) use ($ctx) {
        return array_key_exists($m[1], $ctx) ? (string) $ctx[$m[1]] : $m[0];
    }, $tpl);
}
function lf_fail(string $msg): void
{
    global $wpdb;
    $wpdb->query('ROLLBACK');
    fwrite(STDERR, "seed.php: $msg\n");
    exit(1);
}
function lf_check($r, string $what)
{
    if (is_wp_error($r) || !$r) {
        lf_fail("$what failed: " . (is_wp_error($r) ? $r->get_error_message() : var_export($r, true)));
    }
    return $r;
}

/* ---------------------------------------------------------- the data --- */
$AUTHORS = [
    // login => [display name, first, last, nicename, bio]
    'broggio' => ['Bill Roggio', 'Bill', 'Roggio', 'bill-roggio',
        'Bill Roggio is the editor of The Long View Journal and writes about military operations and jihadist insurgencies.'],
    'tjoscelyn' => ['Thomas Joscelyn', 'Thomas', 'Joscelyn', 'thomas-joscelyn',
        'Thomas Joscelyn is a senior editor of The Long View Journal who follows al Qaeda and its branches.'],
    'jparaszczuk' => ['Joanna Paraszczuk', 'Joanna', 'Paraszczuk', 'joanna-paraszczuk',
        'Joanna Paraszczuk writes about foreign fighters from the North Caucasus and Central Asia.'],
    'cweiss' => ['Caleb Weiss', 'Caleb', 'Weiss', 'caleb-weiss',
        'Caleb Weiss is a senior analyst covering jihadist groups in Africa for The Long View Journal.'],
    'oadaki' => ['Oren Adaki', 'Oren', 'Adaki', 'oren-adaki',
        'Oren Adaki is an analyst focusing on Yemen and the Arabian Peninsula.'],
    'zmuller' => ['Zoë Müller', 'Zoë', 'Müller', 'zoe-muller',
        'Zoë Müller is a contributor who writes about European returnees and émigré networks.'],
    // Co-authored bylines: WordPress has one author per post, so a joint
    // byline is a user of its own whose display name carries both names.
    'roggio-joscelyn' => ['Bill Roggio and Thomas Joscelyn', '', '', 'bill-roggio-and-thomas-joscelyn',
        'Bill Roggio is the editor of The Long View Journal. Thomas Joscelyn is a senior editor of The Long View Journal.'],
    'weiss-paraszczuk' => ['Caleb Weiss & Joanna Paraszczuk', '', '', 'caleb-weiss-joanna-paraszczuk',
        'Caleb Weiss is a senior analyst at The Long View Journal. Joanna Paraszczuk writes about foreign fighters.'],
];
$SINGLE_AUTHORS = ['broggio', 'tjoscelyn', 'jparaszczuk', 'cweiss', 'oadaki'];
$STAFF_OF = ['roggio-joscelyn' => 'broggio', 'weiss-paraszczuk' => 'cweiss'];

$CATEGORIES = [
    // slug => [name, parent slug|null]
    'afghanistan' => ['Afghanistan', null],
    'pakistan' => ['Pakistan', null],
    'iraq' => ['Iraq', null],
    'syria' => ['Syria', null],
    'yemen' => ['Yemen', null],
    'iran' => ['Iran', null],
    'israel-gaza' => ['Israel &amp; Gaza', null],
    'africa' => ['Africa', null],
    'somalia' => ['Somalia', 'africa'],
    'mali-sahel' => ['Mali & the Sahel', 'africa'],
    'nigeria' => ['Nigeria', 'africa'],
    'analysis' => ['Analysis', null],
    'global-jihad' => ['Global Jihad', null],
];

$GROUPS = [
    // key => [name in text, tags, categories, places, region, media outlet]
    'taliban' => ['the Taliban', ['Taliban'], ['afghanistan'],
        ['Kabul', 'Kandahar', 'Khost', 'Kunduz', 'Helmand'], 'Afghanistan', 'the Voice of Jihad website'],
    'ttp' => ['the Tehrik-i-Taliban Pakistan', ['Tehrik-i-Taliban Pakistan', 'Taliban'], ['pakistan'],
        ['Peshawar', 'North Waziristan', 'Bajaur', 'Dera Ismail Khan'], 'Pakistan', 'Umar Media'],
    'isk' => ['the Islamic State Khorasan Province', ['ISIS-K', 'Islamic State'], ['afghanistan', 'pakistan'],
        ['Kabul', 'Jalalabad', 'Nangarhar', 'Kunar'], 'the Af-Pak region', 'Amaq News Agency'],
    'isis' => ['the Islamic State', ['Islamic State', 'The "caliphate"'], ['iraq', 'syria'],
        ['Mosul', 'Raqqa', 'Deir ez-Zor', 'Anbar', 'Kirkuk'], 'Iraq and Syria', 'Amaq News Agency'],
    'hts' => ["Hay'at Tahrir al-Sham", ["Hay'at Tahrir al-Sham", 'al Qaeda'], ['syria'],
        ['Idlib', 'Aleppo', 'Hama', 'Latakia'], 'northwestern Syria', 'Amjad Foundation'],
    'hurras' => ['Ḥurrās al-Dīn', ['Ḥurrās al-Dīn', 'al Qaeda', 'Al Qaeda &amp; affiliates'], ['syria', 'global-jihad'],
        ['Idlib', 'Jisr al-Shughur'], 'Syria', 'Bayan Media'],
    'shabaab' => ['Shabaab', ['al-Shabaab', 'الشباب', 'Al Qaeda &amp; affiliates'], ['somalia'],
        ['Mogadishu', 'Beledweyne', 'Kismayo', 'Baidoa', 'Lower Shabelle'], 'East Africa', 'Al Kataib Media'],
    'jnim' => ['JNIM', ['JNIM', 'Sahel', 'Al Qaeda &amp; affiliates'], ['mali-sahel'],
        ['Timbuktu', 'Gao', 'Ménaka', 'Mopti', 'Djibo'], 'the Sahel', 'Az-Zallaqa Media'],
    'boko' => ['Boko Haram', ['Boko Haram', 'Islamic State West Africa'], ['nigeria'],
        ['Maiduguri', 'Borno', 'Diffa', 'Lake Chad'], 'the Lake Chad basin', 'Al Urwah al Wuthqa'],
    'aqap' => ['AQAP', ['AQAP', 'al Qaeda', 'Al Qaeda &amp; affiliates'], ['yemen'],
        ['Shabwa', 'Abyan', 'Marib', 'Hadramawt', 'Aden'], 'southern Yemen', 'Al Malahem Media'],
    'houthis' => ['Ansar Allah', ['Houthis', 'Ansar Allah', 'Iran'], ['yemen', 'iran'],
        ['Sanaa', 'Hodeidah', 'Saada', 'the Red Sea'], 'Yemen', 'Al Masirah'],
    'hezbollah' => ['Hezbollah', ['Hezbollah', 'IRGC-QF'], ['iran', 'israel-gaza'],
        ['southern Lebanon', 'Beirut', 'the Golan Heights', 'Qusayr'], 'the Levant', 'Al Manar'],
    'irgc' => ['the IRGC-Quds Force', ['IRGC-QF', 'Iran'], ['iran'],
        ['Damascus', 'Baghdad', 'Tehran', 'Albu Kamal'], 'the Middle East', 'Tasnim News'],
    'aqim' => ['al Qaeda in the Islamic Maghreb', ['AQIM', 'al Qaeda', 'Al Qaeda &amp; affiliates'], ['mali-sahel', 'global-jihad'],
        ['Kidal', 'Tessalit', 'Timbuktu'], 'North and West Africa', 'Al Andalus Media'],
];
$EXTRA_TAGS = [
    'drone strikes', 'U.S. Central Command', 'bin Laden', 'Émigrés & foreign fighters', 'propaganda',
    "Côte d'Ivoire", 'suicide bombings', 'mIxEd-CaSe tag', "Kurdistan Workers' Party (PKK)",
    'counterterrorism', 'Sinai', 'prison breaks', 'Zakat & financing',
];

$TITLE_TEMPLATES = [
    '{G} claims {attack} in {p}',
    'U.S. {strike} targets {g} {leader} near {p}',
    "Analysis: {gs} {trend} in {r}",
    '{G} releases {media} on {topic}',
    '{G} overruns {n} outposts in {p}',
    '{p}: {n} killed as {g} {verb}',
    'Report: {g} fighters seize district center in {p}',
];
$T_ATTACK = ['suicide bombing', 'ambush', 'rocket attack', 'assault on military base', 'IED attack', 'prison raid'];
$T_STRIKE = ['airstrike', 'drone strike', 'special forces raid'];
$T_LEADER = ['commander', 'senior leader', 'financier', 'media official', 'bomb maker'];
$T_TREND = ['resurgence', 'shifting alliances', 'expanding footprint', '"governance" project', 'drone program', 'media strategy'];
$T_MEDIA = ['video', 'audio statement', 'photo report', 'magazine issue', 'eulogy'];
$T_TOPIC = ['the war in Ukraine', 'Gaza', 'its new emir', 'prisoner exchanges', 'the "near enemy"', 'the anniversary of 9/11'];
$T_VERB = ['storms checkpoint', 'shells market', 'attacks convoy', 'raids village', 'targets mosque'];

$SENTENCES = [
    '{G} said in a statement released on {weekday} that its fighters had struck {target} in {p}.',
    'The attack is the latest in a string of operations by {g} in {r} since {y}.',
    'According to {source}, at least {n} people were killed and {m} were wounded.',
    'The Long View Journal has tracked {n2} such incidents in {y} alone.',
    'U.S. officials have long warned that {g} retains the ability to strike well beyond {r}.',
    "The group's propaganda arm, {o}, published {n} photographs purporting to show the aftermath.",
    'Local officials in {p} disputed the claim, saying only {m} soldiers were killed.',
    "This pattern is consistent with {gs} strategy of {strategy}.",
    'It remains unclear whether the leadership in {p2} directed the operation or merely endorsed it after the fact.',
    'Residents of {p} told reporters that the fighting lasted for more than {m} hours.',
    '{G} has been steadily rebuilding its networks around {p2} after losing ground in {y}.',
    'The claim could not be independently verified, but it matches reporting from {source}.',
    'Military spokesmen in {p2} described the situation as "under control," a phrase they have used many times before.',
    'Analysts note that {g} often times its operations to coincide with religious holidays and political anniversaries.',
    "{G}'s statement, which ran to {n2} pages, also named a new deputy for operations in {r}.",
    'The government in {p2} has announced a curfew and closed the main road to {p}.',
    'None of this is new: the same tactics were on display during the offensive of {y}.',
    'Diplomats in {capital} have downplayed the threat, insisting that the group is "degraded."',
    'Satellite imagery reviewed by the authors shows new fortifications along the approaches to {p}.',
    'Whatever the exact toll, the attack underscores how little the security situation in {r} has improved.',
];
$S_TARGET = ['a military convoy', 'a police station', 'an army outpost', 'a checkpoint', 'a government compound', 'a hotel frequented by officials'];
$S_SOURCE = ['local media', 'hospital officials', 'a UN monitoring team', 'security sources', 'the interior ministry', 'tribal elders'];
$S_STRATEGY = ['attrition', 'exhausting its enemies', 'bleeding the state', 'winning over local tribes', 'provoking overreaction'];
$S_CAPITAL = ['Washington', 'London', 'Paris', 'Brussels', 'Ankara', 'Doha'];
$S_WEEKDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
$HEADINGS = ['Background', 'A pattern of attacks', 'The view from {p}', 'What {g} wants', 'Analysis',
    'Why it matters', 'Looking ahead', "{gs} leadership", 'A "strategic" shift?', 'Sources & methods'];
$QUOTES = [
    'Our operations will continue until the occupiers leave {p}.',
    'The mujahideen struck the apostate forces in {p}, killing and wounding dozens of them.',
    'We call on the Muslims of {r} to join the caravan before it is too late.',
    'This blessed operation comes in response to the crimes of the crusaders and their agents.',
];

$COMMENT_AUTHORS = [
    // [name, url, email]
    ['Mike R.', '', 'miker@example.com'],
    ['José Álvarez', 'https://example.org/jose', 'jose@example.org'],
    ['Łukasz Nowak', '', 'lukasz@example.net'],
    ['محمد الحربي', '', 'm.harbi@example.com'],
    ['Анна Смирнова', 'https://example.net/anna', 'anna@example.net'],
    ['Sgt. Dave (ret.)', 'http://example.com/~dave', 'dave@example.com'],
    ['Kiwi Observer', '', 'kiwi@example.org'],
    ["Frances O'Brien", 'https://example.net/frances', 'frances@example.net'],
    ['Dr. Amélie Durand', 'https://example.org/a-durand', 'amelie@example.org'],
    ['AnonymousReader', '', 'anon@example.com'],
    ['Tom & Jerry', '', 'tj@example.com'],
    ['史明', '', 'shi@example.org'],
    ['Ngozi Okafor', 'https://example.com/ngozi', 'ngozi@example.com'],
    ['Søren Kjær', '', 'soren@example.net'],
    ['J. Smith', 'https://example.org/', 'jsmith@example.org'],
    ['ex-pat in Doha', '', 'doha@example.com'],
    ['R.B.', '', 'rb@example.net'],
    ['Hans-Peter Groß', 'https://example.de/hp', 'hp@example.de'],
];
$C_OPEN = ['Great analysis.', 'Thanks for keeping track of this.', "I'm not sure I agree.",
    "This is the best coverage of {p} I've found.", 'Long-time reader, first-time commenter.',
    'Excellent piece, as always.', 'Hmm.', 'Interesting — but what about the tribal dimension?', 'Spot on.',
    'Très intéressant, merci.', 'Danke für die Analyse!', "Respectfully, I think you're overstating it."];
$C_MID = ['The <em>timing</em> matters more than people think.',
    '{G} has done this before; see <a href="https://example.org/timeline">this timeline</a>.',
    'Local sources are saying the numbers are much higher.',
    'Where are the <strong>official</strong> figures?',
    'I served two tours near {p} and this rings true.',
    "The map in the article doesn't match what I saw there in 2012.",
    'Anyone have a link to the original statement?',
    "It's the same pattern as in {p2}.",
    "Drones won't fix a political problem.",
    'Correction: it was a Tuesday, not a Monday.',
    'Both sides are claiming victory, which usually means nobody won.',
    'See also https://example.com/reports/background for background.',
    'Спасибо за статью — очень подробно.',
    'شكرا على هذا التحليل المفصل.',
    'This is 🔥 reporting.',
    '<blockquote>{quote}</blockquote>That line says it all.'];
$C_CLOSE = ['Keep it up.', '', '', 'Just my two cents.', '— a reader in Ohio', 'Cheers.', "We'll see in six months."];
$C_STAFF = ["Thanks, {name}. We'll update the post if more details emerge.", 'Good catch — corrected.',
    'We covered that in an earlier report; see the link in the article.',
    "That's fair. The sourcing here is thin, as the piece notes."];

/* ---------------------------------------------------------- options --- */
$wpdb->query('START TRANSACTION');
wp_set_current_user(1); // the editor: post HTML is kept as written (unfiltered_html)

foreach (['hello-world' => 1, 'sample-page' => 2, 'privacy-policy' => 3] as $slug => $id) {
    $p = get_post($id);
    if ($p && $p->post_name === $slug) {
        wp_delete_post($id, true);
    }
}
update_option('wp_page_for_privacy_policy', 0);

$opts = [
    'blogname' => LF_SITE_NAME,
    'blogdescription' => 'Analysis & reporting on the long war — a test fixture for longform-archiver',
    'timezone_string' => 'America/New_York',
    'gmt_offset' => '',
    'date_format' => 'F j, Y',
    'time_format' => 'g:i a',
    'start_of_week' => 0,
    'posts_per_page' => 10,
    'posts_per_rss' => 10,
    'rss_use_excerpt' => 0,
    'blog_public' => 1,
    'show_on_front' => 'posts',
    'default_pingback_flag' => 0,
    'default_ping_status' => 'open',
    'default_comment_status' => 'open',
    'comment_registration' => 0,
    'require_name_email' => 1,
    'close_comments_for_old_posts' => 0,
    'page_comments' => 1,
    'comments_per_page' => 20,
    'thread_comments' => 1,
    'thread_comments_depth' => 5,
    'comment_order' => 'asc',
    'default_comments_page' => getenv('WP_COMMENTS_PAGE') ?: 'newest',
    'uploads_use_yearmonth_folders' => 1,
    'show_avatars' => 1,
    'admin_email' => 'admin@example.com',
];
foreach ($opts as $k => $v) {
    update_option($k, $v);
}
if (!in_array(get_option('default_comments_page'), ['newest', 'oldest'], true)) {
    lf_fail('WP_COMMENTS_PAGE must be newest or oldest');
}
$theme = getenv('WP_THEME') ?: 'twentytwentyone';
lf_check(lf_switch_theme($theme), "switching to theme $theme");
lf_check(lf_set_permalinks(getenv('WP_PERMALINKS') ?: 'lwj'), 'setting permalinks');

$admin = get_user_by('id', 1);
wp_update_user(['ID' => 1, 'display_name' => 'Site Admin', 'nickname' => 'Site Admin']);

/* ------------------------------------------------------------ users --- */
$UID = [];
foreach ($AUTHORS as $login => [$display, $first, $last, $nicename, $bio]) {
    $UID[$login] = lf_check(wp_insert_user([
        'user_login' => $login,
        'user_pass' => 'fixture-' . $login,
        'user_email' => $login . '@example.com',
        'user_url' => '',
        'display_name' => $display,
        'nickname' => $display,
        'first_name' => $first,
        'last_name' => $last,
        'user_nicename' => $nicename,
        'description' => $bio,
        'role' => 'author',
        'user_registered' => '2013-06-01 16:00:00',
    ]), "creating user $login");
}

/* ------------------------------------------------------------ terms --- */
$CAT = [];
foreach ($CATEGORIES as $slug => [$name, $parent]) {
    $r = lf_check(wp_insert_term($name, 'category', [
        'slug' => $slug,
        'parent' => $parent ? $CAT[$parent] : 0,
        'description' => 'Reporting and analysis: ' . $name . '.',
    ]), "category $slug");
    $CAT[$slug] = (int) $r['term_id'];
}
$TAG = [];
function lf_tag(string $name): int
{
    global $TAG;
    if (!isset($TAG[$name])) {
        $r = lf_check(wp_insert_term($name, 'post_tag'), "tag $name");
        $TAG[$name] = (int) $r['term_id'];
    }
    return $TAG[$name];
}
foreach ($GROUPS as $g) {
    foreach ($g[1] as $t) {
        lf_tag($t);
    }
}
foreach ($EXTRA_TAGS as $t) {
    lf_tag($t);
}

/* ------------------------------------------------------------ pages --- */
$page_ts = lf_ts('2013-06-01 12:00:00');
$support_id = lf_check(wp_insert_post([
    'post_type' => 'page', 'post_status' => 'publish', 'post_author' => 1,
    'post_title' => 'Support Us', 'post_name' => 'support-us',
    'post_content' => "<!-- wp:paragraph -->\n<p>The Long View Journal is reader-supported. This page stands in for a donation form.</p>\n<!-- /wp:paragraph -->",
    'post_date' => lf_local($page_ts), 'post_date_gmt' => lf_gmt($page_ts),
    'comment_status' => 'closed', 'ping_status' => 'closed',
]), 'support page');
$about = "<!-- wp:paragraph -->\n<p>The Long View Journal publishes long-form reporting and analysis. Our staff:</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:list -->\n<ul>";
foreach ($SINGLE_AUTHORS as $login) {
    $about .= '<!-- wp:list-item --><li><strong>' . esc_html($AUTHORS[$login][0]) . '</strong>: ' . esc_html($AUTHORS[$login][4]) . '</li><!-- /wp:list-item -->';
}
$about .= "</ul>\n<!-- /wp:list -->";
$about_id = lf_check(wp_insert_post([
    'post_type' => 'page', 'post_status' => 'publish', 'post_author' => 1,
    'post_title' => 'About', 'post_name' => 'about', 'post_content' => $about,
    'post_date' => lf_local($page_ts + 60), 'post_date_gmt' => lf_gmt($page_ts + 60),
    'comment_status' => 'closed', 'ping_status' => 'closed',
]), 'about page');
$support_url = get_permalink($support_id);

/* ----------------------------------------------------------- images --- */
function lf_make_image(string $local_date, string $name, string $title, string $caption, string $alt, int $author): int
{
    $ts = lf_ts($local_date);
    $dir = wp_upload_dir(gmdate('Y/m', $ts), true);
    if (!empty($dir['error'])) {
        lf_fail('upload dir: ' . $dir['error']);
    }
    $file = $dir['path'] . '/' . $name;
    $w = 1200;
    $h = 675;
    $im = imagecreatetruecolor($w, $h);
    imagefilledrectangle($im, 0, 0, $w, $h, imagecolorallocate($im, lf_rand(180, 230), lf_rand(180, 220), lf_rand(150, 200)));
    for ($i = 0; $i < 14; $i++) {
        $pts = [];
        for ($k = 0; $k < 6; $k++) {
            $pts[] = lf_rand(0, $w);
            $pts[] = lf_rand(0, $h);
        }
        imagefilledpolygon($im, $pts, imagecolorallocate($im, lf_rand(60, 200), lf_rand(90, 200), lf_rand(60, 160)));
    }
    for ($i = 0; $i < 30; $i++) {
        imageline($im, lf_rand(0, $w), lf_rand(0, $h), lf_rand(0, $w), lf_rand(0, $h), imagecolorallocate($im, 90, 60, 40));
    }
    imagestring($im, 5, 24, $h - 40, $title, imagecolorallocate($im, 0, 0, 0));
    imagejpeg($im, $file, 82);
    imagedestroy($im);
    $id = lf_check(wp_insert_attachment([
        'post_mime_type' => 'image/jpeg',
        'post_title' => $title,
        'post_excerpt' => $caption,
        'post_content' => '',
        'post_status' => 'inherit',
        'post_author' => $author,
        'post_date' => lf_local($ts),
        'post_date_gmt' => lf_gmt($ts),
        'guid' => $dir['url'] . '/' . $name,
    ], $file, 0, true), "attachment $name");
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $file));
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return $id;
}

/* ------------------------------------------------------------ posts --- */
const LF_N_POSTS = 56;
const LF_BIG = 40;      // 163 reader comments (+ pings) -> 5 comment pages
const LF_25 = 30;       // exactly 25 approved comments, 22 top level -> 2 pages
const LF_ONE = 10;      // exactly 1 approved comment
const LF_ZERO = [5, 15, 25, 35, 45];
const LF_21TOP = 42;    // 21 top-level comments: page 2 holds exactly one
const LF_CLOSED = 13;   // comment_status closed (has 3 older comments)
const LF_EDITED = [6, 30, 50];
const LF_DEEP = [20, 51]; // ordinary posts with a reply chain to depth 5
$FIXED_TITLES = [
    3 => ['Iran & Hezbollah: a 40-year partnership -- part 1', 'hezbollah', null],
    7 => ['Analysis: The Taliban\'s "Emirate," one year on', 'taliban', null],
    12 => ['Shabaab overruns base in Somalia... again', 'shabaab', null],
    18 => ["Ḥurrās al-Dīn's leadership after the strikes", 'hurras', null],
    22 => ["Zoë Müller: Europe's returning émigrés", 'isis', 'zmuller'],
    27 => ['«الدولة الإسلامية» statement: an annotated translation', 'isis', null],
];
$AUTHOR_OVERRIDE = [8 => 'roggio-joscelyn', 33 => 'roggio-joscelyn', 24 => 'weiss-paraszczuk',
    47 => 'weiss-paraszczuk', 44 => 'zmuller', 52 => 'zmuller'];
$DATE_OVERRIDE = [
    15 => '2016-11-06 01:30:00',  // ambiguous local hour (DST ends)
    36 => '2020-12-31 22:30:00',  // local 2020/12, GMT already 2021-01-01
];
$IMAGE_POSTS = [2, 12, 30, 40];

function lf_sentence(array $ctx): string
{
    global $SENTENCES;
    return lf_fill(lf_pick($SENTENCES), $ctx);
}
function lf_paragraph(array $ctx, int $min = 3, int $max = 6): string
{
    $out = [];
    $n = lf_rand($min, $max);
    for ($i = 0; $i < $n; $i++) {
        $ctx['n'] = lf_rand(3, 40);
        $ctx['m'] = lf_rand(2, 30);
        $ctx['n2'] = lf_rand(12, 140);
        $out[] = lf_sentence($ctx);
    }
    return implode(' ', $out);
}

/** Body as a list of [kind, data] elements, serialised as blocks or classic HTML. */
function lf_body(array $ctx, bool $blocks, ?array $image, array $bios, string $support_url, ?array $link): string
{
    global $HEADINGS, $QUOTES;
    $el = [];
    for ($i = 0; $i < 3; $i++) {
        $el[] = ['p', lf_paragraph($ctx)];
    }
    if ($link) {
        $el[] = ['p', lf_paragraph($ctx, 2, 3) . ' See <a href="' . esc_url($link[0]) . '">our earlier report</a>, &#8220;' . esc_html($link[1]) . '.&#8221;'];
    }
    $el[] = ['more', ''];
    $heads = lf_sample($HEADINGS, 3);
    $el[] = ['h2', lf_fill($heads[0], $ctx)];
    for ($i = 0; $i < lf_rand(2, 4); $i++) {
        $el[] = ['p', lf_paragraph($ctx)];
    }
    $el[] = ['quote', [lf_fill(lf_pick($QUOTES), $ctx), $ctx['o'] . ' statement']];
    if ($image) {
        $el[] = ['image', $image];
    }
    $el[] = ['p', lf_paragraph($ctx)];
    $el[] = ['h2', lf_fill($heads[1], $ctx)];
    $notes = [];
    for ($i = 0; $i < lf_rand(2, 4); $i++) {
        $k = count($notes) + 1;
        $para = lf_paragraph($ctx, 3, 5);
        $para .= '<sup id="ref-' . $k . '"><a href="#fn-' . $k . '">[' . $k . ']</a></sup>';
        $el[] = ['p', $para];
        $notes[] = lf_chance(0.5)
            ? esc_html($ctx['o']) . ', statement released in ' . $ctx['y'] . ', as translated by the authors.'
            : '<a href="https://example.org/reports/' . $ctx['slugbase'] . '-' . $k . '">' . esc_html(ucfirst($ctx['r'])) . ' monitoring report no. ' . lf_rand(2, 99) . '</a>, Example Research Center, ' . $ctx['y'] . '.';
    }
    $el[] = ['h3', lf_fill($heads[2], $ctx)];
    $items = [];
    for ($i = 0; $i < lf_rand(3, 5); $i++) {
        $items[] = '<strong>' . lf_pick(['January', 'March', 'May', 'July', 'September', 'November']) . ' ' . ($ctx['y'] + 0) . '</strong>: ' . lf_sentence($ctx);
    }
    $el[] = ['p', 'Key incidents attributed to ' . $ctx['g'] . ':'];
    $el[] = ['ul', $items];
    $el[] = ['p', lf_paragraph($ctx, 2, 4)];
    $el[] = ['h3', 'Notes'];
    $fn = [];
    foreach ($notes as $i => $n) {
        $k = $i + 1;
        $fn[] = ['<li id="fn-' . $k . '">' . $n . ' <a href="#ref-' . $k . '">&#8617;</a></li>'];
    }
    $el[] = ['ol', $fn];
    $el[] = ['hr', ''];
    $el[] = ['bio', '<em>' . implode(' ', array_map('esc_html', $bios)) . '</em>'];
    $el[] = ['p', '<strong>Are you a dedicated reader of The Long View Journal?</strong> Has our research helped you or your team? Support our independent reporting and analysis today with a one-time or monthly donation. Thanks for reading! <a href="' . esc_url($support_url) . '">You can make a tax-deductible donation here.</a>'];

    $out = [];
    foreach ($el as [$kind, $d]) {
        switch ($kind) {
            case 'p':
            case 'bio':
                $out[] = $blocks ? "<!-- wp:paragraph -->\n<p>$d</p>\n<!-- /wp:paragraph -->" : $d;
                break;
            case 'more':
                $out[] = $blocks ? "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->" : '<!--more-->';
                break;
            case 'h2':
            case 'h3':
                $lvl = $kind === 'h2' ? '' : ' {"level":3}';
                $h = "<$kind>" . esc_html($d) . "</$kind>";
                $out[] = $blocks ? "<!-- wp:heading$lvl -->\n$h\n<!-- /wp:heading -->" : $h;
                break;
            case 'quote':
                $q = '&#8220;' . esc_html($d[0]) . '&#8221;';
                $out[] = $blocks
                    ? "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>$q</p>\n<!-- /wp:paragraph --><cite>" . esc_html($d[1]) . "</cite></blockquote>\n<!-- /wp:quote -->"
                    : "<blockquote>$q\n\n<cite>" . esc_html($d[1]) . '</cite></blockquote>';
                break;
            case 'image':
                [$id, $src, $cap, $alt, $iw, $ih] = $d;
                $out[] = $blocks
                    ? "<!-- wp:image {\"id\":$id,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"" . esc_url($src) . '" alt="' . esc_attr($alt) . "\" class=\"wp-image-$id\"/><figcaption class=\"wp-element-caption\">" . esc_html($cap) . "</figcaption></figure>\n<!-- /wp:image -->"
                    : "[caption id=\"attachment_$id\" align=\"aligncenter\" width=\"$iw\"]<img class=\"size-large wp-image-$id\" src=\"" . esc_url($src) . '" alt="' . esc_attr($alt) . "\" width=\"$iw\" height=\"$ih\" /> " . esc_html($cap) . '[/caption]';
                break;
            case 'ul':
            case 'ol':
                $lis = [];
                foreach ($d as $li) {
                    $html = is_array($li) ? $li[0] : "<li>$li</li>";
                    $lis[] = $blocks ? "<!-- wp:list-item -->\n$html\n<!-- /wp:list-item -->" : $html;
                }
                $attr = $kind === 'ol' ? ' {"ordered":true,"className":"footnotes"}' : '';
                $cls = $kind === 'ol' ? ' class="footnotes"' : '';
                $out[] = $blocks
                    ? "<!-- wp:list$attr -->\n<$kind$cls>" . implode("\n", $lis) . "</$kind>\n<!-- /wp:list -->"
                    : "<$kind$cls>\n" . implode("\n", $lis) . "\n</$kind>";
                break;
            case 'hr':
                $out[] = $blocks ? "<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n<!-- /wp:separator -->" : '<hr />';
                break;
        }
    }
    return implode("\n\n", $out) . "\n";
}

$start = lf_ts('2014-01-06 09:15:00');
$end = lf_ts('2024-11-25 09:15:00');
$step = intdiv($end - $start, LF_N_POSTS - 1);
$POSTS = [];   // idx => [id, ts, group, place, author login]
$group_keys = array_keys($GROUPS);
$prev_ts = 0;
for ($i = 0; $i < LF_N_POSTS; $i++) {
    $ts = isset($DATE_OVERRIDE[$i])
        ? lf_ts($DATE_OVERRIDE[$i])
        : intdiv($start + $i * $step + lf_rand(-3 * 86400, 3 * 86400), 60) * 60;
    if ($ts <= $prev_ts) {
        lf_fail("post $i: dates out of order");
    }
    $prev_ts = $ts;
    $gk = $FIXED_TITLES[$i][1] ?? lf_pick($group_keys);
    [$gname, $gtags, $gcats, $places, $region, $outlet] = $GROUPS[$gk];
    $place = lf_pick($places);
    $place2 = lf_pick(array_values(array_diff($places, [$place])) ?: $places);
    $login = $AUTHOR_OVERRIDE[$i] ?? ($FIXED_TITLES[$i][2] ?? lf_pick($SINGLE_AUTHORS));
    $year = (int) gmdate('Y', $ts);
    $gs = substr($gname, -1) === 's' ? "$gname'" : "$gname's";
    $ctx = [
        'g' => $gname, 'G' => ucfirst($gname), 'gs' => $gs, 'p' => $place, 'p2' => $place2, 'r' => $region,
        'o' => $outlet, 'y' => $year - lf_rand(0, 3), 'a' => $AUTHORS[$login][2] ?: 'Roggio',
        'target' => lf_pick($GLOBALS['S_TARGET']), 'source' => lf_pick($GLOBALS['S_SOURCE']),
        'strategy' => lf_pick($GLOBALS['S_STRATEGY']), 'capital' => lf_pick($GLOBALS['S_CAPITAL']),
        'weekday' => lf_pick($GLOBALS['S_WEEKDAY']), 'slugbase' => $gk . '-' . $year,
    ];
    if (isset($FIXED_TITLES[$i])) {
        $title = $FIXED_TITLES[$i][0];
    } else {
        $title = lf_fill(lf_pick($TITLE_TEMPLATES), $ctx + [
            'attack' => lf_pick($T_ATTACK), 'strike' => lf_pick($T_STRIKE), 'leader' => lf_pick($T_LEADER),
            'trend' => lf_pick($T_TREND), 'media' => lf_pick($T_MEDIA), 'topic' => lf_pick($T_TOPIC),
            'verb' => lf_pick($T_VERB), 'n' => lf_rand(2, 60),
        ]);
        $title = ucfirst($title);
    }
    // categories: the group's, sometimes Analysis / Global Jihad; one post left Uncategorized
    $cats = array_map(fn ($s) => $CAT[$s], $gcats);
    if (strpos($title, 'Analysis') === 0 || lf_chance(0.3)) {
        $cats[] = $CAT['analysis'];
    }
    if (lf_chance(0.15)) {
        $cats[] = $CAT['global-jihad'];
    }
    if ($i === 1) {
        $cats = [(int) get_option('default_category')];
    }
    $tags = array_map('lf_tag', $gtags);
    foreach (lf_sample($EXTRA_TAGS, lf_rand(2, 3)) as $t) {
        $tags[] = lf_tag($t);
    }
    if ($i === 27) {
        $tags[] = lf_tag('الشباب');
    }
    $image = null;
    if (in_array($i, $IMAGE_POSTS, true)) {
        $cap = 'Fighters in ' . $place . ', in an image released by ' . $outlet . '.';
        $att = lf_make_image(lf_local($ts - 3600), sanitize_file_name("$gk-$place-$i.jpg"), "Photo: $place", $cap, "Fighters near $place", $UID[$STAFF_OF[$login] ?? $login]);
        $src = wp_get_attachment_image_src($att, 'large');
        $image = [$att, $src[0], $cap, "Fighters near $place", $src[1], $src[2]];
    }
    $bios = $AUTHORS[$login][4] ? [$AUTHORS[$login][4]] : [];
    $link = null;
    if ($i > 4 && lf_chance(0.35)) {
        $j = lf_rand(0, $i - 1);
        $link = [get_permalink($POSTS[$j]['id']), get_post($POSTS[$j]['id'])->post_title];
    }
    $content = lf_body($ctx, $i % 2 === 0, $image, $bios, $support_url, $link);
    $postarr = [
        'post_type' => 'post',
        'post_status' => 'publish',
        'post_author' => $UID[$login],
        'post_title' => $title,
        'post_content' => $content,
        'post_excerpt' => $i % 5 === 4 ? lf_paragraph($ctx, 1, 2) : '',
        'post_date' => lf_local($ts),
        'post_date_gmt' => lf_gmt($ts),
        'comment_status' => $i === LF_CLOSED ? 'closed' : 'open',
        'ping_status' => $i % 9 === 8 ? 'closed' : 'open',
        'post_category' => $cats,
    ];
    $id = lf_check(wp_insert_post($postarr, true), "post $i");
    lf_check(!is_wp_error(wp_set_object_terms($id, $tags, 'post_tag')), "tags for post $i");
    if ($image) {
        set_post_thumbnail($id, $image[0]);
        $wpdb->update($wpdb->posts, ['post_parent' => $id], ['ID' => $image[0]]);
        clean_post_cache($image[0]);
    }
    $POSTS[$i] = ['id' => $id, 'ts' => $ts, 'ctx' => $ctx, 'login' => $login];
}

/* Not public: must never show up in a crawl. */
$HIDDEN = [];
$h_ctx = $POSTS[20]['ctx'];
$HIDDEN['protected'] = lf_check(wp_insert_post([
    'post_type' => 'post', 'post_status' => 'publish', 'post_author' => $UID['cweiss'],
    'post_title' => 'Members briefing: Sahel threat assessment',
    'post_password' => 'longform',
    'post_content' => "<!-- wp:paragraph -->\n<p>PROTECTED-BODY-7f3a: this text is behind a post password. " . lf_paragraph($h_ctx) . "</p>\n<!-- /wp:paragraph -->",
    'post_date' => lf_local(lf_ts('2019-06-12 10:00:00')), 'post_date_gmt' => lf_gmt(lf_ts('2019-06-12 10:00:00')),
    'post_category' => [$CAT['mali-sahel']],
]), 'protected post');
wp_set_object_terms($HIDDEN['protected'], [lf_tag('JNIM')], 'post_tag');
$HIDDEN['draft'] = lf_check(wp_insert_post([
    'post_type' => 'post', 'post_status' => 'draft', 'post_author' => $UID['oadaki'],
    'post_title' => 'DRAFT-9c1e: Notes on the Houthi drone campaign',
    'post_content' => "<!-- wp:paragraph -->\n<p>DRAFT-BODY-9c1e. " . lf_paragraph($h_ctx) . "</p>\n<!-- /wp:paragraph -->",
    'post_date' => '2024-11-28 09:00:00',
    'post_category' => [$CAT['yemen']],
]), 'draft');
$HIDDEN['future'] = lf_check(wp_insert_post([
    'post_type' => 'post', 'post_status' => 'future', 'post_author' => $UID['broggio'],
    'post_title' => 'SCHEDULED-4b2d: The next decade of the long war',
    'post_content' => "<!-- wp:paragraph -->\n<p>SCHEDULED-BODY-4b2d. " . lf_paragraph($h_ctx) . "</p>\n<!-- /wp:paragraph -->",
    'post_date' => lf_local(lf_ts('2031-01-15 08:00:00')), 'post_date_gmt' => lf_gmt(lf_ts('2031-01-15 08:00:00')),
    'post_category' => [$CAT['analysis']],
]), 'future post');
$HIDDEN['private'] = lf_check(wp_insert_post([
    'post_type' => 'post', 'post_status' => 'private', 'post_author' => $UID['tjoscelyn'],
    'post_title' => 'PRIVATE-31aa: Editorial calendar',
    'post_content' => "<!-- wp:paragraph -->\n<p>PRIVATE-BODY-31aa. " . lf_paragraph($h_ctx) . "</p>\n<!-- /wp:paragraph -->",
    'post_date' => lf_local(lf_ts('2022-02-02 12:00:00')), 'post_date_gmt' => lf_gmt(lf_ts('2022-02-02 12:00:00')),
    'post_category' => [$CAT['analysis']],
]), 'private post');

/* Edited after publishing: content gains an update note, post_modified moves. */
foreach (LF_EDITED as $k => $i) {
    $p = get_post($POSTS[$i]['id']);
    $mts = $POSTS[$i]['ts'] + (2 + 9 * $k) * 86400 + 3 * 3600 + 17 * 60;
    $note = '<strong>Update, ' . wp_date('F j, Y', $mts) . ':</strong> This article was updated with new casualty figures and a statement from ' . esc_html($POSTS[$i]['ctx']['o']) . '.';
    $note = strpos($p->post_content, '<!-- wp:') !== false
        ? "<!-- wp:paragraph -->\n<p>$note</p>\n<!-- /wp:paragraph -->\n\n" : "$note\n\n";
    $wpdb->update($wpdb->posts, [
        'post_content' => $note . $p->post_content,
        'post_modified' => lf_local($mts),
        'post_modified_gmt' => lf_gmt($mts),
    ], ['ID' => $p->ID]);
    clean_post_cache($p->ID);
}

/* --------------------------------------------------------- comments --- */
wp_set_current_user(0); // comments are filtered like an anonymous visitor's (kses, rel="ugc")
wp_defer_comment_counting(true);

/** Plan: $tops top-level comments, the rest replies, depth <= 5; chains reach 5. */
function lf_plan(int $n, int $tops, array $chain_tops, int $base, int $gap_min, int $gap_max): array
{
    $items = [];
    $t = $base;
    for ($k = 0; $k < $tops; $k++) {
        $t += lf_rand($gap_min, $gap_max);
        $items[] = ['parent' => -1, 'depth' => 1, 'ts' => $t];
    }
    $replies = $n - $tops;
    foreach ($chain_tops as $ti) {
        if ($replies < 4 || $ti >= $tops) {
            continue;
        }
        $p = $ti;
        for ($d = 2; $d <= 5; $d++) {
            $items[] = ['parent' => $p, 'depth' => $d, 'ts' => $items[$p]['ts'] + lf_rand(300, 7200)];
            $p = count($items) - 1;
            $replies--;
        }
    }
    while ($replies-- > 0) {
        do {
            $p = lf_rand(0, count($items) - 1);
        } while ($items[$p]['depth'] >= 5);
        $items[] = ['parent' => $p, 'depth' => $items[$p]['depth'] + 1, 'ts' => $items[$p]['ts'] + lf_rand(180, 43200)];
    }
    return $items;
}

function lf_comment_text(array $ctx, int $serial): string
{
    global $C_OPEN, $C_MID, $C_CLOSE, $QUOTES;
    $ctx['quote'] = lf_fill(lf_pick($QUOTES), $ctx);
    $parts = [lf_fill(lf_pick($C_OPEN), $ctx)];
    foreach (lf_sample($C_MID, lf_rand(1, 2)) as $m) {
        $parts[] = lf_fill($m, $ctx);
    }
    $text = implode(' ', $parts);
    if (lf_chance(0.2)) {
        $text .= "\n\n" . lf_paragraph($ctx, 1, 3);
    }
    $close = lf_pick($C_CLOSE);
    return $close === '' ? $text : "$text $close";
}

$ALL = [];   // every comment to insert: sorted by time, then inserted
$serial = 0;
$add = function (array $c) use (&$ALL, &$serial) {
    $c['key'] = $serial++;
    $ALL[] = $c;
    return $c['key'];
};
foreach ($POSTS as $i => $P) {
    $base = $P['ts'] + 1200;
    if ($i === LF_BIG) {
        $plan = lf_plan(163, 88, [1, 45, 87], $base, 120, 10800);
    } elseif ($i === LF_25) {
        $plan = lf_plan(25, 22, [], $base, 600, 21600);
    } elseif ($i === LF_21TOP) {
        $plan = lf_plan(21, 21, [], $base, 600, 21600);
    } elseif ($i === LF_ONE) {
        $plan = lf_plan(1, 1, [], $base, 600, 7200);
    } elseif (in_array($i, LF_ZERO, true)) {
        $plan = [];
    } elseif ($i === LF_CLOSED) {
        $plan = lf_plan(3, 2, [], $base, 600, 7200);
    } elseif (in_array($i, LF_DEEP, true)) {
        $plan = lf_plan(12, 5, [0], $base, 900, 14400);
    } else {
        $n = lf_pick([0, 0, 1, 2, 2, 3, 4, 5, 6, 8, 11]);
        $plan = $n ? lf_plan($n, max(1, (int) ceil($n * 0.7)), [], $base, 900, 28800) : [];
    }
    $keys = [];
    foreach ($plan as $k => $c) {
        $staff = $c['parent'] >= 0 && lf_chance(0.15);
        $keys[$k] = $add([
            'post' => $i, 'ts' => $c['ts'], 'parent_key' => $c['parent'] >= 0 ? $keys[$c['parent']] : null,
            'approved' => '1', 'type' => 'comment', 'staff' => $staff,
        ]);
    }
    // specials on page 1 of the big post: escaped and raw <script>
    if ($i === LF_BIG) {
        $ALL[$keys[2]]['text'] = 'Testing whether this site escapes HTML: &lt;script&gt;alert("xss")&lt;/script&gt; should show up as plain text.';
        $ALL[$keys[3]]['text'] = '<script>alert("pwned")</script>Did my script tag survive? <em>Probably not.</em>';
    }
}
// pingbacks and trackbacks (approved), from later posts of this site and from elsewhere
$PINGS = [[3, 'pingback', 9], [12, 'pingback', 26], [12, 'trackback', null], [LF_BIG, 'pingback', 44],
    [LF_BIG, 'pingback', null], [LF_BIG, 'trackback', null], [21, 'trackback', null], [48, 'pingback', 53]];
foreach ($PINGS as $k => [$i, $type, $from]) {
    $add(['post' => $i, 'ts' => max($POSTS[$i]['ts'], $from !== null ? $POSTS[$from]['ts'] : 0) + 3600 * (5 + $k),
        'parent_key' => null, 'approved' => '1', 'type' => $type, 'from' => $from]);
}
// never public: pending, spam, trash (and approved ones on the protected post)
$HIDDEN_PLAN = [
    [LF_BIG, '0'], [LF_BIG, '0'], [LF_BIG, '0'], [LF_ONE, '0'], [LF_25, '0'], [LF_25, '0'],
    [2, 'spam'], [9, 'spam'], [LF_BIG, 'spam'], [LF_BIG, 'spam'], [LF_25, 'spam'], [33, 'spam'], [40, 'spam'], [55, 'spam'],
    [17, 'trash'], [LF_BIG, 'pingback-0'],
];
foreach ($HIDDEN_PLAN as $k => [$i, $status]) {
    $add(['post' => $i, 'ts' => $POSTS[$i]['ts'] + 86400 * (1 + $k % 5) + 137 * $k, 'parent_key' => null,
        'approved' => $status === 'pingback-0' ? '0' : $status, 'type' => $status === 'pingback-0' ? 'pingback' : 'comment',
        'hidden' => $k, 'reply_to_approved' => $k < 3]);
}

usort($ALL, fn ($a, $b) => [$a['ts'], $a['key']] <=> [$b['ts'], $b['key']]);
$CID = [];     // key => comment ID
$AUTH = [];    // key => author name
$approved_by_post = [];
$n_insert = 0;
foreach ($ALL as $c) {
    $P = $POSTS[$c['post']];
    $ctx = $P['ctx'];
    $parent = $c['parent_key'] !== null ? $CID[$c['parent_key']] : 0;
    $user_id = 0;
    if (isset($c['hidden'])) {
        $k = $c['hidden'];
        if (!empty($c['reply_to_approved']) && !empty($approved_by_post[$c['post']])) {
            $parent = lf_pick($approved_by_post[$c['post']]);
        }
        if ($c['type'] === 'pingback') {
            [$name, $url, $email] = ['UNAPPROVED-PING-' . $k . ' &#8211; Some Aggregator', 'https://example.net/aggregator/' . $k, ''];
            $text = '[&#8230;] UNAPPROVED-PING-' . $k . ' excerpt [&#8230;]';
        } elseif ($c['approved'] === 'spam') {
            [$name, $url, $email] = ['Cheap Followers ' . $k, 'https://spam.example.com/buy-' . $k, "spam$k@example.com"];
            $text = 'SPAM-' . $k . ' Buy cheap followers now!!! <a href="https://spam.example.com/">click here</a>';
        } else {
            [$name, $url, $email] = lf_pick($GLOBALS['COMMENT_AUTHORS']);
            $text = strtoupper($c['approved'] === 'trash' ? 'trashed' : 'pending') . '-' . $k . ' ' . lf_comment_text($ctx, $k);
        }
        $type = $c['type'];
    } elseif ($c['type'] === 'pingback' || $c['type'] === 'trackback') {
        $from = $c['from'] ?? null;
        if ($from !== null) {
            $src = get_post($POSTS[$from]['id']);
            $name = $src->post_title . ' &#8211; ' . LF_SITE_NAME;
            $url = get_permalink($src);
            $email = '';
        } else {
            $name = $c['type'] === 'pingback' ? 'Weekly jihadist media roundup | Example Watch' : 'Example Security Blog';
            $url = 'https://example.net/' . $c['type'] . '/' . $c['key'];
            $email = '';
        }
        $title = get_post($P['id'])->post_title;
        $text = $c['type'] === 'pingback'
            ? '[&#8230;] ' . esc_html($ctx['G']) . ' remains active in ' . esc_html($ctx['p']) . ', as ' . esc_html($title) . ' explains [&#8230;]'
            : '<strong>' . esc_html($title) . "</strong>\n\nA good overview of the situation in " . esc_html($ctx['p']) . '&#8230;';
        $type = $c['type'];
    } else {
        if ($c['staff']) {
            $login = $STAFF_OF[$P['login']] ?? $P['login'];
            $u = get_user_by('id', $UID[$login]);
            [$name, $url, $email, $user_id] = [$u->display_name, '', $u->user_email, $u->ID];
            $to = $parent ? get_comment($parent)->comment_author : 'all';
            $text = lf_fill(lf_pick($C_STAFF), ['name' => html_entity_decode($to, ENT_QUOTES, 'UTF-8')]);
        } else {
            [$name, $url, $email] = lf_pick($COMMENT_AUTHORS);
            $text = $c['text'] ?? lf_comment_text($ctx, $c['key']);
        }
        $type = 'comment';
    }
    $data = wp_filter_comment(wp_slash([
        'comment_post_ID' => $P['id'],
        'comment_author' => $name,
        'comment_author_email' => $email,
        'comment_author_url' => $url,
        'comment_author_IP' => '127.0.' . lf_rand(0, 9) . '.' . lf_rand(2, 250),
        'comment_agent' => $type === 'comment' ? 'Mozilla/5.0 (X11; Linux x86_64) longform-fixture' : 'WordPress/6.1; ' . home_url(),
        'comment_content' => $text,
        'comment_type' => $type,
        'comment_parent' => $parent,
        'user_id' => $user_id,
    ]));
    $data['comment_date'] = lf_local($c['ts']);
    $data['comment_date_gmt'] = lf_gmt($c['ts']);
    $data['comment_approved'] = $c['approved'];
    $id = lf_check(wp_insert_comment($data), 'comment');
    $CID[$c['key']] = $id;
    if ($c['approved'] === '1') {
        $approved_by_post[$c['post']][] = $id;
    }
    $n_insert++;
}
// approved comments on the password-protected post (hidden with it)
$pts = lf_ts('2019-06-12 10:00:00');
for ($k = 0; $k < 3; $k++) {
    [$name, $url, $email] = lf_pick($COMMENT_AUTHORS);
    $data = wp_filter_comment(wp_slash([
        'comment_post_ID' => $HIDDEN['protected'], 'comment_author' => $name, 'comment_author_email' => $email,
        'comment_author_url' => $url, 'comment_author_IP' => '127.0.0.9', 'comment_agent' => 'longform-fixture',
        'comment_content' => "PROTECTED-COMMENT-$k on a password-protected post.", 'comment_type' => 'comment',
        'comment_parent' => 0, 'user_id' => 0,
    ]));
    $data['comment_date'] = lf_local($pts + 3600 * ($k + 1));
    $data['comment_date_gmt'] = lf_gmt($pts + 3600 * ($k + 1));
    $data['comment_approved'] = '1';
    lf_check(wp_insert_comment($data), 'protected comment');
    $n_insert++;
}
wp_defer_comment_counting(false);

/* ------------------------------------------------------------- menu --- */
$menu_id = lf_check(wp_create_nav_menu('Primary'), 'menu');
foreach (['afghanistan', 'syria', 'yemen', 'africa', 'analysis'] as $pos => $slug) {
    wp_update_nav_menu_item($menu_id, 0, [
        'menu-item-type' => 'taxonomy', 'menu-item-object' => 'category',
        'menu-item-object-id' => $CAT[$slug], 'menu-item-status' => 'publish', 'menu-item-position' => $pos + 1,
    ]);
}
foreach ([$about_id, $support_id] as $pos => $pid) {
    wp_update_nav_menu_item($menu_id, 0, [
        'menu-item-type' => 'post_type', 'menu-item-object' => 'page',
        'menu-item-object-id' => $pid, 'menu-item-status' => 'publish', 'menu-item-position' => 10 + $pos,
    ]);
}
$mods = get_option('theme_mods_twentytwentyone') ?: [];
$mods['nav_menu_locations'] = ['primary' => $menu_id, 'footer' => $menu_id];
update_option('theme_mods_twentytwentyone', $mods);

/* ------------------------------------------------------------- done --- */
flush_rewrite_rules(false);
update_option('longform_fixture_seed', ['version' => LF_SEED_VERSION, 'random_seed' => LF_RANDOM_SEED]);
$wpdb->query('COMMIT');

$counts = $wpdb->get_results("SELECT comment_approved, comment_type, COUNT(*) n FROM {$wpdb->comments} GROUP BY 1, 2", ARRAY_A);
$summary = [];
foreach ($counts as $r) {
    $summary[] = "{$r['comment_type']}/{$r['comment_approved']}={$r['n']}";
}
printf("seeded %d posts (+%d not public), %d comments [%s] in %.1fs\n",
    count($POSTS), count($HIDDEN), $n_insert, implode(' ', $summary), microtime(true) - $t0);
