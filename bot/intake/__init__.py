"""Intake: the one place where something sent to the library becomes a stored article.

Every way in ends in :mod:`bot.intake.article` (an extraction result plus its
:class:`~bot.intake.article.Origin` to the stored article):

* :mod:`~bot.intake.classify` - is a Telegram message a search or an article;
* :mod:`~bot.intake.message` - a Telegram message (text, forward, channel post), reading a
  :mod:`~bot.intake.document` or a :mod:`~bot.intake.url` when that is what it holds;
* :mod:`~bot.intake.files` - article files on disk (``digest-bot ingest``);
* :mod:`~bot.intake.export_file` and :mod:`~bot.intake.export` - a Telegram Desktop chat
  export, read as a stream and stored batch by batch (``digest-bot ingest``, ``/import``);
* :mod:`~bot.intake.feed_item` - a feed item (and its linked page, when fetched) to an article
  with the feed's chat and the item's link as its Origin, and the keys it is recognised by;
  :mod:`bot.feeds.poller` stores a poll's new items in one transaction.

Submodules are imported by name: the command line reads files and exports without paying for
python-telegram-bot, which only the message modules need.
"""
