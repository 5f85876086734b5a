"""Demo teaching material: the course index "Kurser" with ICS-grundkursus, ICS-superbrugerkursus and an
ICS brush-up, written in Danish from DOMAIN.md. All cases are fictional; no real child data, no CPR.

Idempotent: a page that already exists (by slug under its parent) is left as it is, so a second run
changes nothing and an editor's later changes survive a rerun."""

import io
import logging

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from content.models import HomePage
from people.models import Municipality
from web.pdf import render_pdf

from ..models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from ..services.material import local_material_setup
from . import texts as text

IMAGE_TITLE = "ICS-trekanten (plakat)"
DOCUMENT_TITLE = "Spørgeguide til tragtmodellen"


def _say(stdout, message):
    if stdout is not None:
        stdout.write(message)


def _triangle_png() -> bytes:
    """A simple poster of the ICS triangle, drawn with Pillow."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    width, height = 1200, 900
    image = PILImage.new("RGB", (width, height), "#f5f7fa")
    draw = ImageDraw.Draw(image)
    top, left, right = (600, 90), (130, 800), (1070, 800)
    colours = ["#1f5fa8", "#0a6e63", "#8a4b0f"]
    draw.polygon([top, left, right], fill="#ffffff")
    draw.line([top, left], fill=colours[0], width=18)
    draw.line([top, right], fill=colours[1], width=18)
    draw.line([left, right], fill=colours[2], width=18)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 40)
        small = ImageFont.truetype("DejaVuSans.ttf", 30)
    except OSError:
        font = small = ImageFont.load_default()
    draw.ellipse([480, 470, 720, 710], outline="#15406e", width=8, fill="#ffffff")
    draw.text((600, 570), "Barnets", font=font, fill="#0d2c4d", anchor="mm")
    draw.text((600, 615), "behov", font=font, fill="#0d2c4d", anchor="mm")
    draw.text((250, 380), "Barnets\nudvikling", font=small, fill=colours[0], anchor="mm", align="center")
    draw.text((950, 380), "Forældre-\nkompetencer", font=small, fill=colours[1], anchor="mm", align="center")
    draw.text((600, 850), "Familie og netværk", font=small, fill=colours[2], anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _demo_image():
    image = Image.objects.filter(title=IMAGE_TITLE).first()
    if image is None:
        image = Image(title=IMAGE_TITLE, collection=Collection.get_first_root_node(),
                      file=ImageFile(io.BytesIO(_triangle_png()), name="ics-trekanten.png"))
        image.save()
    return image


def _demo_document():
    document = Document.objects.filter(title=DOCUMENT_TITLE).first()
    if document is None:
        logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its progress log is noise here
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        try:
            content = render_pdf("courses/demo/funnel_guide_pdf.html", {})
            name = "spoergeguide-tragtmodellen.pdf"
        except OSError:
            # WeasyPrint loads Pango and its fonts as system libraries when imported; where they are
            # missing (a bare container), the import fails with OSError and a text file serves the demo.
            content = text.FUNNEL_GUIDE_TEXT.encode("utf-8")
            name = "spoergeguide-tragtmodellen.txt"
        document = Document(title=DOCUMENT_TITLE, collection=Collection.get_first_root_node())
        document.file.save(name, ContentFile(content), save=False)
        document.save()
    return document


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def course_index():
    index_page = CourseIndexPage.objects.filter(municipality__isnull=True).order_by("path").first()
    if index_page is not None:
        return index_page, False
    home = HomePage.objects.order_by("path").first()
    index_page = CourseIndexPage(title="Kurser", slug="kurser", intro=text.INDEX_INTRO)
    return _publish(home, index_page), True


def local_course_index(municipality):
    index_page = CourseIndexPage.objects.filter(municipality=municipality).order_by("path").first()
    if index_page is None:
        home = HomePage.objects.order_by("path").first()
        index_page = _publish(home, CourseIndexPage(
            title=f"{municipality.name} – lokalt materiale", slug=f"lokalt-{municipality.slug}",
            municipality=municipality,
            intro=f"<p>Kommunens eget materiale ({municipality.name}): temadage og brush-ups, skrevet af "
                  "kommunens ICS-superbrugere og godkendt af ledelsen.</p>",
        ))
    local_material_setup(index_page=index_page)
    return index_page


@transaction.atomic
def load(stdout=None):
    """The national course index with the three demo courses, and Skanderborg's local theme day."""
    index_page, created = course_index()
    if created:
        _say(stdout, "  course index Kurser created")
    media = {"image": _demo_image(), "document": _demo_document()}
    created_pages = _courses(index_page, text.courses(media))
    skanderborg = Municipality.objects.filter(slug="skanderborg").first()
    if skanderborg is not None:
        created_pages += _courses(local_course_index(skanderborg), [text.local_theme_day(media)])
        _submit_for_approval(skanderborg, "samtalen-med-barnet")
    _say(stdout, f"  teaching material: {created_pages} pages created")


def _submit_for_approval(municipality, slug):
    """A superuser's revised lesson waiting for the leader's approval (the leader's home shows it).
    Once: a page already in (or through) moderation is left alone."""
    from wagtail.models import Page, WorkflowState

    from people.models import User

    page = Page.objects.filter(slug=slug, path__startswith=local_course_index(municipality).path).first()
    author = User.objects.filter(email=f"superbruger@{municipality.slug}.demo").first()
    if page is None or author is None or WorkflowState.objects.for_instance(page).exists():
        return
    page = page.specific
    workflow = page.get_workflow()
    if workflow is None:
        return
    page.save_revision(user=author)
    workflow.start(page, author)


def _courses(index_page, specs):
    created_pages = 0
    for course_spec in specs:
        course = _child(index_page, CoursePage, course_spec["slug"])
        if course is None:
            course = _publish(index_page, CoursePage(
                title=course_spec["title"], slug=course_spec["slug"], kind=course_spec["kind"],
                course_days=course_spec["course_days"], course_hours=course_spec.get("course_hours"),
                required_by_licence=course_spec["required_by_licence"],
                audience=course_spec["audience"], introduction=course_spec["introduction"],
                learning_objectives=[("objective", objective) for objective in course_spec["objectives"]],
                search_description=course_spec["summary"],
            ))
            created_pages += 1
        for module_spec in course_spec["modules"]:
            module = _child(course, ModulePage, module_spec["slug"])
            if module is None:
                module = _publish(course, ModulePage(
                    title=module_spec["title"], slug=module_spec["slug"], course_day=module_spec.get("course_day"),
                    introduction=module_spec["introduction"],
                ))
                created_pages += 1
            for lesson_spec in module_spec["lessons"]:
                if _child(module, LessonPage, lesson_spec["slug"]) is not None:
                    continue
                _publish(module, LessonPage(
                    title=lesson_spec["title"], slug=lesson_spec["slug"], lesson_type=lesson_spec["type"],
                    estimated_minutes=lesson_spec["minutes"], required=lesson_spec.get("required", True),
                    summary=lesson_spec["summary"], body=lesson_spec["body"],
                ))
                created_pages += 1
    return created_pages
