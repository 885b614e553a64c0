"""StreamField blocks shared by every content page of the intranet."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Titre"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Niveau 2")), ("h3", _("Niveau 3")), ("h4", _("Niveau 4"))],
        default="h2",
        label=_("Niveau"),
    )

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("Texte alternatif"),
        help_text=_("Décrit l'image pour les personnes qui ne la voient pas; vide si décorative."),
    )
    caption = blocks.CharBlock(required=False, label=_("Légende"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(required=False, label=_("Intitulé du lien"))

    class Meta:
        icon = "doc-full"
        label = _("Lien vers un document")
        template = "blocks/document_link.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Attention")), ("success", _("À retenir"))],
        default="info",
        label=_("Type"),
    )
    title = blocks.CharBlock(required=False, label=_("Titre"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("Texte"))

    class Meta:
        icon = "warning"
        label = _("Encadré")
        template = "blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "hr"],
        label=_("Paragraphe"),
        icon="pilcrow",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    callout = CalloutBlock()
    table = TableBlock(label=_("Tableau"), template="blocks/table.html")
