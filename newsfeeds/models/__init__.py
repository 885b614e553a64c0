from .pages import ChannelIndexPage, ChannelPage, NewsItemPage, NewsItemTag
from .sources import FeedFetchDay, FeedSource, ItemTombstone, ModerationMode

__all__ = [
    "ChannelIndexPage",
    "ChannelPage",
    "FeedFetchDay",
    "FeedSource",
    "ItemTombstone",
    "ModerationMode",
    "NewsItemPage",
    "NewsItemTag",
]
