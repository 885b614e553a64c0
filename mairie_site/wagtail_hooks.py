from wagtail import hooks

from .workflow_actions import confirm_from_the_editor

hooks.register("after_edit_page", confirm_from_the_editor)
