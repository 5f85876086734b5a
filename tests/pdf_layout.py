"""Reading a laid-out PDF in tests: the pages WeasyPrint made (web.pdf.render_document), their text, the
page header, the table rows on each page and whether any row was split across two pages."""

from dataclasses import dataclass, field

from weasyprint.formatting_structure import boxes


@dataclass
class PageLayout:
    text: str  # the page's body text, in order
    margin_text: dict[str, str]  # "@top-left" -> the text of that margin box (running header, footer)
    header_rows: int = 0  # rows of a repeated table head on the page
    body_rows: list = field(default_factory=list)  # the <tr> elements of table bodies laid out here
    images: int = 0  # images (<img>, inline <svg>) on the page


def _text(box) -> str:
    return " ".join(d.text for d in box.descendants(placeholders=True) if isinstance(d, boxes.TextBox) and d.text.strip())


def layout(document) -> list[PageLayout]:
    pages = []
    for page in document.pages:
        page_box = page._page_box  # WeasyPrint's laid-out page; the public Page holds no boxes
        body = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
        margins = {child.at_keyword: _text(child) for child in page_box.children if isinstance(child, boxes.MarginBox)}
        info = PageLayout(text=" ".join(_text(b) for b in body), margin_text=margins)
        for b in body:
            for d in b.descendants(placeholders=True):
                if isinstance(d, boxes.TableRowGroupBox):
                    rows = [r for r in d.children if isinstance(r, boxes.TableRowBox)]
                    if d.is_header:
                        info.header_rows += len(rows)
                    else:
                        info.body_rows.extend(r.element for r in rows)
                elif isinstance(d, boxes.ReplacedBox):
                    info.images += 1
        pages.append(info)
    return pages


def split_rows(pages: list[PageLayout]) -> list:
    """The table rows laid out on more than one page (each part of a split row is a box of the same element)."""
    seen, split = {}, []
    for number, page in enumerate(pages):
        for element in page.body_rows:
            first = seen.setdefault(id(element), number)
            if first != number and element not in split:
                split.append(element)
    return split
