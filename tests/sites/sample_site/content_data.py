"""The sample site's content as compact data: authors, articles, comment plans, text snippets.

Everything here is literal and deterministic; `content.py` expands it into posts and comment
threads. Times are local America/New_York wall-clock strings, as WordPress stores `post_date`.
Text uses typographic characters (’ “ ” –) the way WordPress shows them after wptexturize.
"""

from __future__ import annotations

from dataclasses import dataclass

SITE_TITLE = "The Longform Sample Journal"
SITE_TAGLINE = "A WordPress-shaped sample site bundled with longform-archiver"
TIMEZONE = "America/New_York"
WP_VERSION = "6.6.2"
FIRST_COMMENT_ID = 51200

# WordPress reading/discussion options of the sample site.
POSTS_PER_PAGE = 5
"""Posts per listing page (home, author, tag, category, search)."""
COMMENTS_PER_PAGE = 20
"""Top-level comments (pings included) per comment page; oldest page is the default page."""
THREAD_DEPTH = 5
"""Deepest comment level that still gets a Reply link (thread_comments_depth)."""
FEED_ITEMS = 10
"""Items in RSS feeds (posts_per_rss)."""


@dataclass(frozen=True, slots=True)
class AuthorSpec:
    """A WordPress user who writes posts."""

    user_id: int
    slug: str
    name: str
    bio_tail: str


@dataclass(frozen=True, slots=True)
class PingSpec:
    """A pingback or trackback, shown after top-level thread `after` (by time)."""

    kind: str
    after: int
    author: str
    url: str
    content: str


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    """One post; `shape` has one character per top-level reader comment (see SHAPES)."""

    post_id: int
    published: str
    slug: str
    title: str
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    subject: str
    other: str
    place: str
    shape: str = ""
    pings: tuple[PingSpec, ...] = ()
    comments_open: bool = True
    modified: str = ""
    gap_minutes: int = 41


AUTHORS = (
    AuthorSpec(2, "bill-roggio", "Bill Roggio", " and the author of its district-control maps"),
    AuthorSpec(3, "thomas-joscelyn", "Thomas Joscelyn", " who writes on jihadist networks"),
    AuthorSpec(5, "caleb-weiss", "Caleb Weiss", " and a senior analyst focusing on Africa"),
    AuthorSpec(7, "melanie-odegard", "Mélanie Ødegård", " covering Türkiye and northern Iraq"),
)

# Replies under one top-level comment, as thread paths relative to it: "0" is its first reply,
# "0.0" a reply to that reply. "c" nests four deep (depths 1-4).
SHAPES: dict[str, tuple[str, ...]] = {
    "0": (),
    "1": ("0",),
    "2": ("0", "1"),
    "c": ("0", "0.0", "0.0.0"),
    "x": ("0", "0.0", "1"),
}

# 45 top-level threads: more than two pages of 20 threads once the two pingbacks are counted.
LONG_SHAPE = "10c020x01" + "0c1020100" + "01001x0c0" + "10200c000" + "1000c1010"

ARTICLES = (
    ArticleSpec(
        1021, "2013-03-14 09:15", "captured-ledgers-insurgent-payroll",
        "Reading the captured ledgers: how an insurgent group pays its fighters",
        ("bill-roggio",), ("Iraq",), ("Islamic State", "finance"),
        "the group’s finance office", "its provincial emirs", "Nineveh", shape="10",
    ),
    ArticleSpec(
        1187, "2013-11-21 16:40", "weapons-money-sahel-smuggling-routes",
        "Weapons & money along the Sahel’s smuggling routes",
        ("melanie-odegard",), ("Africa",), ("Sahel & Maghreb", "Côte d’Ivoire", "smuggling"),
        "smuggling networks", "local armed groups", "the Sahel", shape="0",
    ),
    ArticleSpec(
        2096, "2014-10-03 13:30", "us-backed-rebels-chechen-led-group-aleppo",
        "US-backed rebels and a Chechen-led group fight side by side in Aleppo",
        ("caleb-weiss",), ("Syria", "Middle East & North Africa"),
        ("Hazm Movement", "Muhajireen Army", "Al Nusrah Front", "TOW missiles",
         "Islamic Caucasus Emirate"),
        "the Hazm Movement", "the Muhajireen Army", "Aleppo", shape="0100000100100",
    ),
    ArticleSpec(
        2310, "2015-06-09 11:00", "ramadi-after-the-fall-district-assessment",
        "Ramadi after the fall: a district-by-district assessment",
        ("bill-roggio", "thomas-joscelyn"), ("Iraq",), ("Islamic State", "Ramadi", "Anbar"),
        "the Islamic State", "tribal militias", "Ramadi", shape="c0",
    ),
    ArticleSpec(
        2655, "2016-01-20 10:00", "al-shabaab-amniyat-long-war-somalia",
        "Al Shabaab’s “Amniyat” and the long war in Somalia",
        ("thomas-joscelyn",), ("Africa",), ("Al Shabaab", "Somalia"),
        "Al Shabaab’s Amniyat", "clan militias", "southern Somalia",
    ),
    ArticleSpec(
        3104, "2017-08-22 15:20", "mapping-taliban-control-afghanistan-districts",
        "Mapping Taliban control in Afghanistan’s districts",
        ("bill-roggio",), ("Afghanistan & Pakistan",), ("Taliban", "maps", "Afghanistan"),
        "the Taliban", "local power brokers", "Helmand", shape=LONG_SHAPE, gap_minutes=53,
        pings=(
            PingSpec("pingback", 9, "Weekly reading list – Example Analysis Blog",
                     "https://example.net/2017/08/weekly-reading-list/",
                     "[…] the district maps published this week […]"),
            PingSpec("pingback", 30, "District control maps compared | Example Research Notes",
                     "https://example.org/notes/district-maps-compared/",
                     "[…] compare their assessment with ours […]"),
        ),
    ),
    ArticleSpec(
        3560, "2018-05-02 08:05", "boko-haram-split-two-years-on",
        "Boko Haram’s split, two years on",
        ("caleb-weiss",), ("Africa",), ("Boko Haram", "Islamic State West Africa"),
        "Boko Haram", "Islamic State West Africa", "Borno", shape="1x",
    ),
    ArticleSpec(
        4012, "2019-12-11 18:45", "hayat-tahrir-al-sham-consolidates-idlib",
        "Hay’at Tahrir al-Sham consolidates its hold on Idlib",
        ("thomas-joscelyn",), ("Syria",), ("Hay’at Tahrir al-Sham", "Idlib", "al Qaeda"),
        "Hay’at Tahrir al-Sham", "rival factions", "Idlib", shape="10", comments_open=False,
        pings=(
            PingSpec("trackback", 0, "Regional Security Digest",
                     "https://example.com/digest/2019/12/idlib/",
                     "<strong>Idlib this week</strong> A summary of the latest reporting."),
        ),
    ),
    ArticleSpec(
        4477, "2021-08-16 06:30", "kabul-falls-taliban-offensive",
        "Kabul falls: what the Taliban’s offensive tells us",
        ("bill-roggio",), ("Afghanistan & Pakistan",), ("Taliban", "Afghanistan", "Kabul"),
        "the Taliban", "the Afghan security forces", "Kabul", shape="2010",
        modified="2021-08-18 09:12",
    ),
    ArticleSpec(
        5020, "2022-02-27 12:00", "turkiye-pkk-drone-war-northern-iraq",
        "Türkiye, the PKK and the drone war in northern Iraq",
        ("melanie-odegard",), ("Türkiye", "Iraq"), ("Kurdistan Workers’ Party (PKK)", "drones"),
        "the PKK", "Turkish drone units", "Sinjar", shape="01",
    ),
    ArticleSpec(
        5590, "2023-07-19 14:10", "jnim-blockade-economy-central-mali",
        "JNIM’s blockade economy in central Mali",
        ("caleb-weiss",), ("Africa",),
        ("Jama’at Nusrat al-Islam wal-Muslimin", "Sahel & Maghreb", "Mali"),
        "JNIM", "government-aligned militias", "central Mali", shape="00",
    ),
    ArticleSpec(
        6120, "2024-11-05 07:45", "houthi-attacks-shipping-year-in-data",
        "Houthi attacks on shipping: a year in data",
        ("thomas-joscelyn",), ("Middle East & North Africa",), ("Houthis", "Red Sea", "shipping"),
        "the Houthis", "international naval patrols", "the Red Sea", shape="1",
    ),
)

# Guest commenters: (name, website). Empty website: the name is printed without a link.
COMMENTERS = (
    ("Paul", ""),
    ("JasonBlaster", "https://example.com/jasonblaster"),
    ("Zoë", "https://example.org/zoe/"),
    ("sundoesntrise", ""),
    ("Łukasz", ""),
    ("Dan A", ""),
    ("José Ramírez", "https://example.com/jose?lang=es&ref=comments"),
    ("blert", "http://example.net/blert/"),
    ("Arjuna", ""),
    ("Ciccio", ""),
    ("Celtiberian", "https://example.net/~celtiberian"),
    ("Mike Mike Motorbike", ""),
    ("Eduard", ""),
    ("田中 太郎", ""),
)

# Raw comment_content: WordPress stores it with newlines; wpautop turns blank lines into paragraphs
# and single newlines into <br />. Entities stand for characters the commenter typed.
SNIPPETS = (
    "Good overview. The maps alone are worth the read.",
    "Is there a source for the numbers in the second section? I would like to check them.",
    "This matches what I heard from people who were there.\nThe timeline is a bit off, though.",
    "Hope we reverse course before it is too late.",
    "Not really. The alliances described here are older than the article suggests.\n\n"
    "They date back at least two years, if you read the local press.",
    "Can we stop pretending these groups can be vetted?",
    "Q&amp;A sessions with the authors would be welcome – any plans?",
    "The “moderate” label keeps moving. Who decides?",
    "Thanks for reading the statements in the original language.",
    "Too little, too late.\nThat sums it up.",
    "I disagree with the conclusion, but the reporting is solid.",
    "Worth comparing with the reporting from 2012 – same pattern, different names.",
    "Excellent. Shared with my students.",
    "Where are the weapons coming from? Nobody seems to ask.",
)

# Comments written out in full, by (post id, thread path). A user slug marks a registered author.
SPECIAL_COMMENTS: dict[tuple[int, str], tuple[str, str, str, str]] = {
    (3104, "3"): (
        "Zoë", "https://example.org/zoe/", "",
        "I read the <em>whole</em> report, including the "
        '<a href="https://example.org/annex.pdf" rel="nofollow ugc">annex on district control</a>.'
        "\nSomeone tried to post &lt;script&gt;alert(1)&lt;/script&gt; here last week; "
        "it shows up as plain text, as it should.",
    ),
    (3104, "2.0"): (
        "Bill Roggio", "", "bill-roggio",
        "Thanks. The district data is updated monthly; the method is explained in the annex.",
    ),
    (3104, "2.0.0.0"): (
        "Łukasz", "", "",
        "Fourth level down and the thread still makes sense – nice.",
    ),
}
