"""Keep news items' bookkeeping right when editors delete or move them."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import ChannelPage, ItemTombstone, NewsItemPage


@receiver(post_delete, sender=NewsItemPage)
def leave_tombstone(sender, instance, **kwargs):
    """Remember a deleted imported item so that the next import does not bring it back."""
    if instance.dedup_key and instance.channel_id:
        ItemTombstone.objects.get_or_create(channel_id=instance.channel_id, dedup_key=instance.dedup_key)


@receiver(post_page_move, sender=NewsItemPage)
def follow_new_channel(sender, instance, parent_page_after, **kwargs):
    """The channel column (unique with the dedup key) follows the item to its new parent."""
    if parent_page_after.specific_class is ChannelPage:
        NewsItemPage.objects.filter(pk=instance.pk).update(channel_id=parent_page_after.pk)
