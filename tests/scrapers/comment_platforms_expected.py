"""Hand-read expected comments of the real pages in tests/data/comment-platforms/ (see its README).

Every value was read from the saved HTML (the markup, not extractor output). Per page: the URL the
page was saved from, the platform whose markup prints the comments, text that belongs to the
comment chrome and must not appear in any comment text (``noise``), and every comment the HTML
holds, in display order, as (id, parent id, depth, author as printed, the author's link made
absolute or None, date as printed, a snippet of the text). Dates: Drupal prints the machine date in
RDF ``content`` attributes (taken over the human one); wpDiscuz in the date's ``title``; Blogger and
SPIP only as text (SPIP's parentheses dropped). Drupal's "(not verified)" after an anonymous name is
core's label, not part of the name.
"""

from __future__ import annotations

from typing import Any

OSDC = "https://opensource.com/users/"
BLOGGER = "https://www.blogger.com/profile/"

EXPECTED: dict[str, dict[str, Any]] = {
    # Drupal 7 (generator "Drupal 7"), opensource.com theme on Panopoly. <a id="comment-N"></a> before
    # each div.comment; one reply level in <div class="indented"> after 148996 (149006, 154086; both
    # also name 148996 in <span rel="sioc:reply_of" resource="/comment/148996#...">). Anonymous
    # names (comment-by-anonymous) are bare text before " on 25 Jan 2018" in the has_creator span.
    "drupal7.opensource.com.git-guide.html": {
        "url": "https://opensource.com/article/18/1/step-step-guide-git",
        "platform": "drupal",
        "noise": ["Permalink", "Vote up", "on 25 Jan 2018"],
        "comments": [
            ("148976", None, 1, "Jeff Macharyas", OSDC + "jeffmacharyas", "2018-01-25T09:47:19-05:00",
             "Wow, this would have come in handy three years ago"),
            ("148996", None, 1, "john379", None, "2018-01-25T13:00:44-05:00",
             "I often see github used as personal pages and even blogs"),
            ("149006", "148996", 2, "Kedar Vijay Kulkarni", OSDC + "kkulkarn", "2018-01-25T15:10:07-05:00",
             "I will definitely consider adding article on Personal Pages/Site"),
            ("154086", "148996", 2, "Sachin Patil", OSDC + "psachin", "2018-04-19T02:36:37-04:00",
             "I think you are looking for https://pages.github.com/. It covers steps"),
            ("149036", None, 1, "Chrissy McLennon", OSDC + "chrissymclennon", "2018-01-26T05:54:41-05:00",
             "Amazing guide! Really helpful for someone who's only starting!"),
            ("149061", None, 1, "Catalin(ux) M. Boie", None, "2018-01-26T13:16:33-05:00",
             "Full disclosure: I am the author of the RocketGit project."),
            ("149076", None, 1, "Li'lGet", OSDC + "nikki-f-nelson", "2018-01-26T14:20:05-05:00",
             "*inspired-li'lGet"),
            ("149111", None, 1, "Bill Trautman", OSDC + "lhasadad", "2018-01-27T21:42:45-05:00",
             "Nice and concise."),
            ("150096", None, 1, "Tomut", OSDC + "gaelletjat", "2018-02-14T12:53:20-05:00",
             "Yesterday I was exactly struggling with git."),
            ("150161", None, 1, "dbmuse", None, "2018-02-15T00:52:16-05:00",
             "seems like the upload file section would be step 6"),
        ],
    },
    # Drupal 8+ (Classy-derived theme): <article data-comment-user-id="0" id="comment-N"
    # typeof="schema:Comment">, all anonymous and unthreaded; name in schema:author/schema:name,
    # date in <span property="schema:dateCreated" content=...>, the comment title in an <h3>.
    "drupal8.gai.co.in.caching.html": {
        "url": "http://gai.co.in/disable-drupal-8-caching-during-development",
        "platform": "drupal",
        "noise": ["Permalink", "Submitted by", "not verified", "Reply", "I enjoy what youve got right…"],
        "comments": [
            ("1897", None, 1, "tour packages", None, "2019-06-22T09:36:52+00:00",
             "Flight booking\nFlight ticket booking"),
            ("1909", None, 1, "samuelddarden", None, "2019-06-24T03:01:42+00:00",
             "I enjoy what youve got right here, adore what youre stating"),
            ("1919", None, 1, "theviralvista", None, "2019-06-25T05:44:10+00:00",
             "New Xiaomi Mobile phones under 30000 rs"),
            ("1928", None, 1, "Base oil", None, "2019-06-27T06:39:30+00:00",
             "low aromatic white spirit suppliers"),
            ("1942", None, 1, "DedicatedHosting4u", None, "2019-06-29T11:40:08+00:00",
             "Thanks\nDedicatedHosting4u.com"),
            ("1948", None, 1, "locksmith perth", None, "2019-07-01T03:55:19+00:00",
             "outstanding value for money,locksmith perth"),
        ],
    },
    # Blogger threaded comments: li.comment#cN in div.comment-thread; replies (by the blog author,
    # span.icon.blog-author) in ol#cN-ra of their parent. Anonymous "Pat Conolly" has no link.
    "blogger.davesmusicdatabase.top-songs.html": {
        "url": "https://davesmusicdatabase.blogspot.com/2012/04/top-songs-by-decade-1900-present.html",
        "platform": "blogger",
        "noise": ["Delete", "Replies", "Reply"],
        "comments": [
            ("5177765368903808290", None, 1, "Pat Conolly", None, "July 13, 2015 at 2:39 AM",
             "I'm pretty sure the Beach Boys song was intended to be \"Good Vibrations\"."),
            ("3226175790437345962", "5177765368903808290", 2, "Dave Whitaker",
             BLOGGER + "00469458199584765423", "July 13, 2015 at 11:40 AM",
             "Thanks for the catch, Pat. It has been corrected."),
            ("3343963119458474503", None, 1, "Unknown", BLOGGER + "17862269622394944965",
             "January 3, 2018 at 7:07 AM", "\"My Blue Heaven\" is my all-time favorite song."),
            ("920870995884200349", None, 1, "Alvex", BLOGGER + "14290683659429491946",
             "December 17, 2018 at 1:34 PM",
             "I really love some of the older ones.\nJust one question, how come \"Charleston\""),
            ("470303456286539908", "920870995884200349", 2, "Dave Whitaker",
             BLOGGER + "00469458199584765423", "March 31, 2019 at 1:44 AM",
             "\"Charleston\" doesn't make the top 10"),
            ("570117095976815695", None, 1, "Unknown", BLOGGER + "08094444433094383986",
             "May 22, 2019 at 3:56 AM", "called buttercups and daisies. Anyone able to help identify"),
            ("852471172299894298", "570117095976815695", 2, "Unknown", BLOGGER + "01211818806024300226",
             "September 1, 2021 at 1:33 AM", "Do you mean the old folk song Rolling on the Grass"),
        ],
    },
    # SPIP 3.2.1 (generator), the site's own forum template: li.forum-fil with a#forumN, author in
    # b.forum-qui-N (absent for anonymous messages), date "(22 juin 2018 @11h13)" in div.forum-nav,
    # an optional title in .forum-chapo, text in .forum-texte. Unthreaded.
    "spip.blog.mondediplo.net.turpitude.html": {
        "url": "https://blog.mondediplo.net/turpitude-et-architecture",
        "platform": "spip",
        "noise": ["permalien", "Coree du Sud,pays autoritaire", "même argument", "Mea maxima culpa"],
        "comments": [
            ("226836", None, 1, None, None, "22 juin 2018 @11h13",
             "La Corée du Sud n est pas un modèle de démocratie"),
            ("226837", None, 1, "Red Bastard", None, "22 juin 2018 @11h29",
             "les altermondialistes ne soutiennent pas l Empire du Milieu"),
            ("226838", None, 1, "Red Bastard", None, "22 juin 2018 @11h41",
             "pourquoi le Monde Diplomatique n a t il pas dénoncé"),
            ("226839", None, 1, "Red Bastard", None, "22 juin 2018 @12h07",
             "Erreur de ma part,un article du Diplo de 2017"),
            ("226852", None, 1, "Cindy Cats", None, "24 juin 2018 @21h10",
             "abrogent les accords de défense avec l ile de Formose."),
            ("226856", None, 1, "habsb", None, "25 juin 2018 @08h39",
             "Aucun parallèle n’est possible entre Venezuela et Chine Populaire."),
        ],
    },
    # wpDiscuz 7 (layout 1): div#wpd-comm-N_P, the reply 62173 nested in 62044's div with P=62044
    # and wpd_comment_level-2. Comment 61585's markup is irregular as saved (its inner link names
    # comment 62708, and its header closes two divs early): the id is the one of wpd-comm-61585_0.
    "wpdiscuz.idlix.study-group.html": {
        "url": "https://tv7.idlix.asia/tvseries/study-group-2025/",
        "platform": "wpdiscuz",
        "noise": ["Guest", "Reply"],
        "comments": [
            ("62044", None, 1, "Rendy", None, "30 January, 2025 7:55 pm", "Kapan ini episode 3-4"),
            ("62173", "62044", 2, "FRIEREN", None, "31 January, 2025 7:56 pm", "Aslii ini manaaa"),
            ("61417", None, 1, "suka hyunwook", None, "26 January, 2025 11:05 am", "belom aplot kah"),
            ("61585", None, 1, "hahahan", None, "4 February, 2025 8:18 pm",
             "Kenapa pada bilang Minhyun mirip Cha eun-woo, bukannya lebih mirip Park Seo-joon ya?"),
            ("61953", None, 1, "Stranger from hell", None, "30 January, 2025 12:35 am",
             "MAJU LO SEMUAAA HAHA"),
        ],
    },
    # CONSTRUCTED pages (not real, see tests/data/comment-platforms/README.md): rendered by hand from
    # the platforms' own templates where no real page of the structure was found. Values read from them.
    # Drupal 10, Olivero, no RDF: threads by <div class="indented">; 104 replies to 102 (depth 3); the
    # hidden 'In reply to ... by Ana Pérez' paragraph of 102 must not make Ana its author.
    "constructed/drupal10.olivero.threaded.html": {
        "url": "https://drupal.example.org/node/7",
        "platform": "drupal",
        "constructed": True,
        "noise": ["In reply to", "First crossing", "Which ferry?", "Reply", "not verified"],
        "comments": [
            ("101", None, 1, "Ana Pérez", "https://drupal.example.org/user/2", "Mon, 01/15/2024 - 10:30",
             "The ferry left at dawn.\n\nWe crossed twice."),
            ("102", "101", 2, "Guest Reader", None, "Mon, 01/15/2024 - 11:30",
             "Was it the old ferry at the north bank?"),
            ("104", "102", 3, "Ana Pérez", "https://drupal.example.org/user/2", "Tue, 01/16/2024 - 11:30",
             "Yes, the north bank one."),
            ("103", None, 1, "Kofi Mensah", "https://drupal.example.org/user/5", "Tue, 01/16/2024 - 10:13",
             "The market opened late that week too."),
        ],
    },
    # SPIP 2 squelettes-dist/inc-forum.html: replies in <ul><li> inside the parent's li; 'Voir en
    # ligne' link (the commenter's site) and 'Répondre à ce message' inside .forum-texte; 303 is
    # anonymous and has a list in its text.
    "constructed/spip2.dist.threaded.html": {
        "url": "https://spip.example.org/spip.php?article12",
        "platform": "spip",
        "constructed": True,
        "noise": ["Répondre à ce message", "Voir en ligne", "Le bac du matin", "par Marie"],
        "comments": [
            ("301", None, 1, "Marie Durand", "http://marie.example.net/", "15 janvier 2010 10:30",
             "Le bac partait à l'aube."),
            ("302", "301", 2, "Paul", None, "15 janvier 2010 11:05", "Celui de la rive nord ?"),
            ("304", "302", 3, "Marie Durand", None, "16 janvier 2010 09:12", "Oui, celui-là."),
            ("303", None, 1, None, None, "16 janvier 2010 08:40",
             "Le marché a ouvert tard.\n\nle lundi\nle jeudi"),
        ],
    },
    # Blogger layouts without threaded comments: flat dl#comments-block, the name before "said...".
    "constructed/blogger.classic.comments-block.html": {
        "url": "https://classic-example.blogspot.com/2010/05/ferry-notes.html",
        "platform": "blogger",
        "constructed": True,
        "noise": ["said...", "Delete Comment", "Post a Comment"],
        "comments": [
            ("7001", None, 1, "Ana Pérez", "https://www.blogger.com/profile/0001", "May 15, 2010 at 10:30 AM",
             "The ferry left at dawn.\nWe crossed twice."),  # <br /><br />: lines, as everywhere
            ("7002", None, 1, "Anonymous", None, "May 15, 2010 at 11:30 AM", "Which ferry?"),
            ("7003", None, 1, "Jane Roe", None, "May 16, 2010 at 10:53 AM", "The north bank one."),
        ],
    },
}
