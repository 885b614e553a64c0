"""Links of the search page that keep the agent's query, filters, sort and display."""

from django import template

register = template.Library()


@register.filter
def page_link(links, number):
    return links.to(page=number)


@register.filter
def display_link(links, display):
    return links.to(affichage=display)


@register.filter
def kind_link(links, kind):
    return links.to(type=kind)


@register.filter
def overall_count(total, boxes):
    """Pages found plus what the boxes found (agents, catalogue records, applications): the one
    count the page announces."""
    return total + sum(box.count for box in boxes)


@register.filter
def dated(results):
    """The page of results, each with `display_date`: the date a model names in
    `search_result_date_field` (a deliberation's session), else the first publication. One query
    per such model on the page, none otherwise."""
    results = list(results)
    by_model = {}
    for result in results:
        model = getattr(result, "specific_class", None)  # documents are no pages
        if getattr(model, "search_result_date_field", None):
            by_model.setdefault(model, []).append(result)
    for model, pages in by_model.items():
        field = model.search_result_date_field
        dates = dict(model.objects.filter(pk__in=[page.pk for page in pages]).values_list("pk", field))
        for page in pages:
            page.display_date = dates.get(page.pk)
    for result in results:
        if not hasattr(result, "display_date"):
            result.display_date = getattr(result, "first_published_at", None)
    return results
