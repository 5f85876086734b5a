"""The teaching material: the "Undervisningsmateriale" entry point and the material search."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from ..selectors.material import first_course_index, material_search


@login_required
def material(request):
    """The "Undervisningsmateriale" menu item: the course index."""
    index_page = first_course_index(request.user)
    if index_page is None:
        raise Http404
    return redirect(index_page.url)


@login_required
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = material_search(user=request.user, query=query)
    return render(request, "courses/material_search.html", {"query": query, "results": results})
