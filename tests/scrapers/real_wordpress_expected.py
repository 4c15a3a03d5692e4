"""Hand-read expected values for the real WordPress pages in tests/data/real-wordpress/.

Every value below was read from the saved HTML itself (raw markup, looked at with grep/sed/lxml),
never from extractor output. Conventions:

- ``title``: the post headline as the page prints it (h1/h2 of the post, not the SEO <title>),
  entities decoded, whitespace collapsed.
- ``authors``: display names of the post's byline; ``[]`` when the page names no author.
- ``published_day``: the publication day as the page states it (YYYY-MM-DD, local day of the site).
- ``tags`` / ``categories``: labels in page order. ``categories`` is left out where the page shows
  none (or where it is unclear what the site calls a category).
- ``comment_count_in_html``: reader comments present in the HTML. Counted as the ``li`` elements
  with ``id="comment-N"`` inside the page's comment list (nested ``ul.children`` included), minus
  pingbacks/trackbacks (``li.pingback`` / ``li.trackback``, or, where the theme sets no class, the
  entries printed as "Pingback von ..."). Inner ``div-comment-N`` / ``article#div-comment-N``
  wrappers are part of the same comment and are not counted again. None of these pages loads
  comments by script (no Disqus, wpDiscuz, Facebook comments or comment pagination present).
  The count the site prints in its heading often includes pingbacks; it is given in a comment.
- ``pingback_ids``: ids (N of ``id="comment-N"``) of the pingback/trackback entries; none of them
  may come out as a reader comment.
- ``comments``: a selection (first, replies, last, tricky ones) with the site's own comment id,
  parent id (None for top level), author as printed (without "sagt:"), the author's link (href
  as printed, None if the name is not linked), the comment's day as printed, and a snippet of
  its text.
- ``body_snippet``: text that must be in the article body; ``not_in_body``: boilerplate printed on
  the page (author bio, share box, related posts, newsletter/job appeals, sidebar) that must not.
"""

from __future__ import annotations

from typing import Any

EXPECTED: dict[str, dict[str, Any]] = {
    # Theme: Avada (wp-content/themes/Avada).
    # Author only in a hidden hCard (<span class="vcard rich-snippet-hidden">, rel="author"): the
    # markup names the post author, the rendered page does not; we expect the markup's name.
    # Date printed as "Juni 19th, 2018" (German month, English ordinal); the hidden
    # <span class="updated">2019-01-07...</span> is the modification date, not the publication.
    # No tag list is printed (only tag-* classes on <article> and SEO meta keywords): tags [].
    # Heading says "36 Comments": 20 li.comment + 16 li.pingback. Comments nest up to depth 4
    # (ul.children); comment dates are bare text nodes next to <strong>name</strong>, no <time>.
    "moritz-meyer.net.vreni.html": {
        "url": "https://moritz-meyer.net/blog/vreni-frost-instagram-abmahnung/",
        "title": "Ich habe das Vreni Frost-Urteil gelesen. Das müsst ihr jetzt dazu wissen.",
        "authors": ["MoritzMeyer"],
        "published_day": "2018-06-19",
        "tags": [],
        "categories": ["Social Media"],
        "comment_count_in_html": 20,
        "pingback_ids": [
            "122",
            "127",
            "134",
            "135",
            "136",
            "138",
            "139",
            "140",
            "141",
            "142",
            "144",
            "145",
            "148",
            "149",
            "157",
            "161",
        ],
        "comments": [
            {
                "id": "114",
                "parent_id": None,
                "author": "Ben",
                "author_url": None,
                "date": "2018-06-19",
                "snippet": "Bei der Privatheit denkt das Gericht",
            },
            {
                "id": "117",
                "parent_id": None,
                "author": "Ritchie Pettauer | datenschmutz.net",
                "author_url": "https://datenschmutz.net",
                "date": "2018-06-20",
                "snippet": "Danke für die ausführliche Analyse",
            },
            {
                "id": "121",
                "parent_id": "116",
                "author": "Anne Burmester",
                "author_url": "http://www.beswingtesallerlei.de",
                "date": "2018-06-21",
                "snippet": "Werbung ist keine Information",
            },
            {
                # depth 4: 114 > 123 > 131 > 133
                "id": "133",
                "parent_id": "131",
                "author": "MoritzMeyer",
                "author_url": None,
                "date": "2018-06-26",
                "snippet": "Freut mich, dass es hier unterschiedliche",
            },
            {
                # last reader comment; the href really has a capital "W" in the host
                "id": "154",
                "parent_id": None,
                "author": "Maria",
                "author_url": "https://Www.bloggerbloggt.de",
                "date": "2018-08-06",
                "snippet": "Habe einen Instagramer entfolgt",
            },
        ],
        "body_snippet": "142 Verfahren gingen im Jahr 2017",
        "not_in_body": ["Diese Geschichte teilen", "Ähnliche Beiträge", "Alle auf Snapchat!"],
    },
    # Theme: falive-themes (wp-content/themes/falive-themes).
    # Byline "By Franziska Dully", date "10. Februar 2019" (no <time>). The tag list
    # (div.tag-wrapper, rel="tag") sits *after* </article>. The post author comments as
    # "Franziska Elea" (another display name than the byline). 17 li.comment, no pingbacks;
    # text <p>s sit directly in div.comment-body (no .comment-content wrapper); one level of
    # replies. Display order is by thread, not by id (10573 comes before 10572).
    "franziska-elea.de.vuitton.html": {
        "url": "http://www.franziska-elea.de/2019/02/10/das-louis-vuitton-missgeschick/",
        "title": "Das Louis Vuitton Missgeschick",
        "authors": ["Franziska Dully"],
        "published_day": "2019-02-10",
        "tags": [
            "Fashionblogger aus Köln",
            "Flauschjacke",
            "Louis Vuitton Palm Springs Rucksack",
            "ootd",
            "Rollkragenpulli",
            "Streetstyle Winter",
        ],
        "categories": ["Allgemein", "Fashion", "Kolumne"],
        "comment_count_in_html": 17,
        "pingback_ids": [],
        "comments": [
            {
                "id": "10564",
                "parent_id": None,
                "author": "Jasmin",
                "author_url": "http://www.bookdreams4everyone.home.blog",
                "date": "2019-02-10",
                "snippet": "also ich wäre ja der Typ",
            },
            {
                "id": "10573",
                "parent_id": "10571",
                "author": "Franziska Elea",
                "author_url": None,
                "date": "2019-02-10",
                "snippet": "Was man mit dem Geld alles machen kann",
            },
            {
                # the href has four w's ("wwww."), kept as printed
                "id": "10592",
                "parent_id": None,
                "author": "Eileen",
                "author_url": "http://wwww.eileens-good-vibes.de",
                "date": "2019-02-13",
                "snippet": "immer schön positiv sehen",
            },
            {
                "id": "11051",
                "parent_id": None,
                "author": "Katharina Scheel",
                "author_url": "https://gd-exclusive.de/",
                "date": "2019-05-20",
                "snippet": "ich finde Deine Kleidung oder Kombinationen",
            },
        ],
        "body_snippet": "Da saß ich also, mit meinen 50 geöffneten Tabs.",
        "not_in_body": ["Share this article", "Related Posts", "Marrakesch Travelguide"],
    },
    # Theme: pipdig-styleandlight (+ child theme; wp-content/themes/pipdig-styleandlight).
    # Byline in span.vcard.author; the date is <time datetime="2019-06">19. Juni 2019</time>: the
    # attribute has no day (article:published_time 2019-06-19T04:00:56+00:00 has it). Categories
    # only as article classes / article:section, not printed: left out. "Dir könnte auch
    # gefallen" (related posts) sits *inside* div.entry-content. 10 li.comment, no pingbacks, one
    # level of replies; no commenter has a link. The post author's name is printed as
    # <cite>Martina Berg<br/><span>Autor</span></cite>: the name is "Martina Berg", "Autor" is a
    # badge.
    "lady50plus.de.sekre.html": {
        "url": "https://lady50plus.de/2019/06/19/sekre-mystery-bag/",
        "title": "SEKRÈ MYSTERY BAG – jede Frau braucht ein Geheimnis!",
        "authors": ["Martina Berg"],
        "published_day": "2019-06-19",
        "tags": [
            "160 Designerinnen",
            "Artefakt",
            "Brigitte Bardot",
            "Designerinnen",
            "Handtasche",
            "Label",
            "Luxus",
            "Luxusartikel",
            "Luxushandtasche",
            "Luxuslabel",
            "Made in Germany",
            "Premium-Leder",
            "Sekre Mystery Bag",
        ],
        "comment_count_in_html": 10,
        "pingback_ids": [],
        "comments": [
            {
                "id": "7568",
                "parent_id": None,
                "author": "Beate",
                "author_url": None,
                "date": "2019-06-19",
                "snippet": "da hast du wirklich eine einzigartige Tasche",
            },
            {
                "id": "7571",
                "parent_id": "7568",
                "author": "Martina Berg",
                "author_url": None,
                "date": "2019-06-19",
                "snippet": "das Geheimnis habe ich doch gerne",
            },
            {
                "id": "7575",
                "parent_id": None,
                "author": "Astrid S.",
                "author_url": None,
                "date": "2019-06-19",
                "snippet": "eine sehr edle und schicke Handtasche",
            },
            {
                "id": "7577",
                "parent_id": "7575",
                "author": "Martina Berg",
                "author_url": None,
                "date": "2019-06-19",
                "snippet": "Du bringst es auf den Punkt",
            },
        ],
        "body_snippet": "Jede SEKRÈ Mystery Bag wird von Hand in Deutschland gefertigt.",
        "not_in_body": [
            "Dir könnte auch gefallen",
            "Teilen:",
            "Als Gründerin von Image 50plus",
        ],
    },
    # Theme: twentysixteen (wp-content/themes/twentysixteen).
    # Byline "john" in footer.entry-footer (after the text), <time datetime=...>. The headline
    # really reads "Einschränkug" (typo on the site). Heading says "5 Gedanken": 3 li.comment +
    # 2 li.pingback (825, 827). No replies. Comment <time datetime> are +00:00 and match the
    # printed time.
    "de.creativecommons.org.endlich.html": {
        "url": (
            "https://de.creativecommons.org/index.php/2014/03/20/"
            "endlich-wird-es-spannend-die-nc-einschraenkung-nach-deutschem-recht/"
        ),
        "title": "Endlich wird es spannend: Die NC-Einschränkug nach deutschem Recht",
        "authors": ["john"],
        "published_day": "2014-03-20",
        "tags": [
            "Bilder",
            "case law",
            "Entscheidung",
            "Fallrecht",
            "Foto",
            "NC",
            "nicht-kommerziell",
            "noncommercial",
            "Rundfunk",
            "Urheberrecht",
            "Urteil",
        ],
        "categories": ["Allgemein", "News"],
        "comment_count_in_html": 3,
        "pingback_ids": ["825", "827"],
        "comments": [
            {
                "id": "826",
                "parent_id": None,
                "author": "Michael Blahm",
                "author_url": "https://keniaurlaub24.jimdo.com",
                "date": "2014-04-02",
                "snippet": "Warum nicht alles offen gestalten.",
            },
            {
                "id": "828",
                "parent_id": None,
                "author": "GoldKind",
                "author_url": "http://www.goldankauf-ge.de",
                "date": "2014-07-10",
                "snippet": "weil dann natuerlich der rechte Inhaber",
            },
            {
                "id": "829",
                "parent_id": None,
                "author": "Robbinho",
                "author_url": "http://www.OptimalNachhilfe.de/",
                "date": "2014-07-29",
                "snippet": "Gibt es vielleicht noch mehr Updates?",
            },
        ],
        "body_snippet": "Leonhard Dobusch hat einen sehr guten",
        "not_in_body": ["Ähnliche Beiträge", "Neueste Kommentare", "Schreibe einen Kommentar"],
    },
    # Theme: voice (+ voice-child; wp-content/themes/voice).
    # Byline "geschrieben von Meike Neitz"; date "5. Dez 2018" in span.updated (no <time>);
    # article:published_time 2018-12-05T05:50:40+00:00. No printed tag list: the only tag is
    # article:tag "Twitter" (also class tag-twitter). Categories printed as links without
    # rel="category" ("Marketing • Social Media"). Inside div.entry-content: a job-board appeal
    # and the Shariff share box ("Teile diesen Beitrag!"); after it the author box. 1 comment.
    "basicthinking.de.tweets.html": {
        "url": "https://www.basicthinking.de/blog/2018/12/05/erfolgreiche-tweets-zutaten/",
        "title": "12 Twitter-Nutzer und ihre Zutaten für erfolgreiche Tweets",
        "authors": ["Meike Neitz"],
        "published_day": "2018-12-05",
        "tags": ["Twitter"],
        "categories": ["Marketing", "Social Media"],
        "comment_count_in_html": 1,
        "pingback_ids": [],
        "comments": [
            {
                "id": "1379078",
                "parent_id": None,
                "author": "Klaus-Peter Baumgardt",
                "author_url": None,
                "date": "2018-12-07",
                "snippet": "ist der Habeck-Kommentar eigentlich",
            },
        ],
        "body_snippet": "Peter Wittkamp hat sich durch seine Pointen-Treffsicherheit",
        "not_in_body": [
            "Teile diesen Beitrag",
            "Über 20.000 Traumjobs",
            "Meike Neitz studierte Internationale Beziehungen",
        ],
    },
    # Theme: meedia_2016 (wp-content/themes/meedia_2016).
    # No byline markup at all: the author is the first paragraph of the body,
    # <p><em>Von Gregory Lipinski</em></p>. Date <time itemprop="datePublished"
    # datetime="2016-03-08T15:30:55+00:00">. Tags printed as "Schlagworte" links with
    # class="entry-tag" (not rel="tag") in an aside outside the article. No category printed.
    # The newsletter appeal (p#newsletter-teaser) is inside div.entry-content. 1 comment;
    # comments are closed.
    "meedia.de.freenet.html": {
        "url": (
            "https://meedia.de/2016/03/08/"
            "einstieg-ins-tv-geschaeft-wie-freenet-privatkunden-fuer-antennen-tv-in-hd-qualitaet-gewinnen-will/"
        ),
        "title": (
            "Einstieg ins TV-Geschäft: Wie Freenet Privatkunden für Antennen-TV in HD-Qualität gewinnen will"
        ),
        "authors": ["Gregory Lipinski"],
        "published_day": "2016-03-08",
        "tags": ["Christoph Vilanek", "DVB-T", "Freenet"],
        "comment_count_in_html": 1,
        "pingback_ids": [],
        "comments": [
            {
                "id": "303351",
                "parent_id": None,
                "author": "B.A.",
                "author_url": None,
                "date": "2016-03-16",
                "snippet": "Mobilcom Debitel has charged me",
            },
        ],
        "body_snippet": "Wir prüfen gerade verschiedene Preispunkte und Modelle.",
        "not_in_body": [
            "Abonnieren Sie kostenlos die MEEDIA-Newsletter",
            "Mehr zum Thema",
            "Meistgelesen",
        ],
    },
    # Theme: sb07_revamped (wp-content/themes/sb07_revamped).
    # Headline is an h2.entry-title (the only h1 is the logo). Author and date only as plain
    # text after the text: <span>Malte Welding </span> | 29.07.2006 um 14:26 (no link, no
    # class, no <time>). Categories rel="category tag" (label "Filzball" for slug "abseits");
    # no tags. 1 comment in a custom layout: div.comment_author (linked name), div.comment-text,
    # div.comment_meta with "29.07.2006 um 16:43" (no <time>); entities like &#252; in the text.
    "spreeblick.com.habeck.html": {
        "url": "http://www.spreeblick.com/blog/2006/07/29/aus-aus-alles-vorbei-habeck-macht-die-stahnke/",
        "title": "Aus! Aus! Alles vorbei! Habeck macht die Stahnke",
        "authors": ["Malte Welding"],
        "published_day": "2006-07-29",
        "tags": [],
        "categories": ["Bundesliga", "Fernsehgucken", "Filzball"],
        "comment_count_in_html": 1,
        "pingback_ids": [],
        "comments": [
            {
                "id": "754844",
                "parent_id": None,
                "author": "Yalcin (Fehlpass.com)",
                "author_url": "http://www.fehlpass.com",
                "date": "2006-07-29",
                "snippet": "Der schlüpfrige Boulevard regiert auf Fooligan",
            },
        ],
        "body_snippet": "Kein Wunder, dass Janine Habeck sich",
        "not_in_body": ["Letzte Kommentare"],
    },
    # Theme: pony2013 (wp-content/themes/pony2013).
    # No byline anywhere (the site description names the blog's owner, but no post author is
    # printed or marked up): authors []. Date "Do 24. Mai 2018, 08:30" as bare text in
    # div.entry-meta. The page does have rel=canonical (http://, the README says otherwise); the
    # url below is the README's. Tags rel="tag" after "Tags:"; categories rel="category tag".
    # 1 comment, author printed as plain text in div.comment-author (no cite/b.fn, no link).
    "iloveponysmag.com.barbour.html": {
        "url": "https://iloveponysmag.com/2018/05/24/barbour-coastal/",
        "title": "OUTDOOR LOVERS",
        "authors": [],
        "published_day": "2018-05-24",
        "tags": ["Barbour", "Barbour Coastal", "Elbe", "Helle", "Outdoor", "Travel"],
        "categories": ["ANZEIGE", "UNTERWEGS"],
        "comment_count_in_html": 1,
        "pingback_ids": [],
        "comments": [
            {
                "id": "254922",
                "parent_id": None,
                "author": "Ameise",
                "author_url": None,
                "date": "2018-05-24",
                "snippet": "Bitte (noch) mehr Bilder von Helle",
            },
        ],
        "body_snippet": "Eine meiner besten Entscheidungen bisher",
        "not_in_body": ["Artikel, die dir auch gefallen"],
    },
    # Theme: jovelquickpress (wp-content/themes/jovelquickpress).
    # Byline as plain text: <small>11.09.2011, 16:20 von jovelstefan</small>. Tags rel="tag"
    # after "Tags:"; no category printed. Heading says "3 Kommentare", but all three entries are
    # pingbacks ("Pingback von ..." in <cite>); their <li id="comment-N"> have no class at all,
    # so only the text tells them apart. Reader comments in the HTML: 0 (comments closed).
    "jovelstefan.de.gefallt.html": {
        "url": "http://www.jovelstefan.de/2011/09/11/gefallt-mir/",
        "title": "Gefällt mir",
        "authors": ["jovelstefan"],
        "published_day": "2011-09-11",
        "tags": ["Bilt", "Cent", "Eimsbüttel"],
        "comment_count_in_html": 0,
        "pingback_ids": ["463934", "465673", "542774"],
        "comments": [],
        "body_snippet": "Gut investierte 20 Cent",
        "not_in_body": ["jovles Kommentiertes", "Trackback-URL", "Pingback von"],
    },
}
