from wagtail import hooks

from .auth import forget_users_after_bulk_action
from .workflow_actions import confirm_from_the_editor

hooks.register("after_edit_page", confirm_from_the_editor)
hooks.register("after_bulk_action", forget_users_after_bulk_action)
