from .activity import ItemReadCount, WeeklyActivity
from .announcements import Announcement
from .applications import Application, FavouriteApplication
from .profiles import DigestFrequency, DigestLog, PortalProfile
from .shares import Share
from .subscriptions import DefaultSubscriptions, Subscription

__all__ = [
    "Announcement",
    "Application",
    "DefaultSubscriptions",
    "DigestFrequency",
    "DigestLog",
    "FavouriteApplication",
    "ItemReadCount",
    "PortalProfile",
    "Share",
    "Subscription",
    "WeeklyActivity",
]
