from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def visible_pages(request):
    """Live pages the current user may see: view restrictions are checked, not only `public()`."""
    pages = Page.objects.live()
    for restriction in _restrictions_refused(request):
        pages = pages.exclude(path__startswith=restriction.page.path)
    return pages


def _restrictions_refused(request):
    from wagtail.models import PageViewRestriction

    return [
        restriction
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        if not restriction.accept_request(request)
    ]


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = visible_pages(request).search(query)
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(request, "search/search.html", {"search_query": query, "search_results": page})
