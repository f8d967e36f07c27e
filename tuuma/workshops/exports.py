"""Workshop results out of the platform: CSV for spreadsheets, PDF for the record, a QR code."""

import csv
import io
from pathlib import Path

import segno
from django.utils import timezone
from django.utils.translation import gettext as _

from tuuma.core.text import spreadsheet_cell as _safe

from .actions import author_label, ranked_items


def qr_svg(url: str) -> bytes:
    """The join link as an SVG QR code (dark on white, quiet zone kept for phone cameras)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=4, xmldecl=False,
                                    svgns=True, title=url)
    return out.getvalue()


def _rows(workshop):
    items = ranked_items(workshop)
    clusters = {c.pk: c.title for c in workshop.clusters.all()}
    for rank, item in enumerate(items, 1):
        yield rank, item, clusters.get(item.cluster_id, "")


def results_csv(workshop) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 with ä and ö correctly only with the BOM
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Rank"), _("Prompt"), _("Cluster"), _("Idea"), _("Dots"), _("+1s"),
                     _("Comments"), _("Posted by"), _("In the pipeline")])
    for rank, item, cluster in _rows(workshop):
        comments = " | ".join(c.text for c in item.comments.all())
        writer.writerow([rank, _safe(item.prompt.text), _safe(cluster), _safe(item.text),
                         item.dot_count, item.plus_count, _safe(comments),
                         _safe(author_label(item.author, workshop) or ""),
                         item.idea.get_absolute_url() if item.idea_id else ""])
    return out.getvalue()


def _fonts():
    """Register the DejaVu-compatible Vera fonts that ship with ReportLab (ä, ö, å, €)."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        folder = Path(reportlab.__file__).parent / "fonts"
        pdfmetrics.registerFont(TTFont("Vera", str(folder / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("VeraBd", str(folder / "VeraBd.ttf")))


def results_pdf(workshop) -> bytes:
    """A summary for the record: the workshop, its prompts and the ranked results by prompt."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _fonts()
    body = ParagraphStyle("body", fontName="Vera", fontSize=10, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11)
    h1 = ParagraphStyle("h1", fontName="VeraBd", fontSize=18, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName="VeraBd", fontSize=13, leading=16, spaceBefore=10,
                        spaceAfter=4)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=workshop.title, author="tuuma",
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, lang="fi")
    rows = list(_rows(workshop))
    story = [Paragraph(escape(workshop.title), h1),
             Paragraph(escape(_("%(org)s · %(date)s · %(people)s participants · %(dots)s dots")
                              % {"org": workshop.organization.name,
                                 "date": timezone.localtime(workshop.created_at)
                                 .strftime("%-d.%-m.%Y"),
                                 "people": workshop.participants.count(),
                                 "dots": sum(item.dot_count for _r, item, _c in rows)}), body)]
    if workshop.description:
        story += [Spacer(1, 4), Paragraph(escape(workshop.description), body)]
    for prompt in workshop.prompts.all():
        story.append(Paragraph(escape(prompt.text), h2))
        table = [[Paragraph("#", small), Paragraph(escape(_("Idea")), small),
                  Paragraph(escape(_("Dots")), small), Paragraph("+1", small)]]
        for rank, item, cluster in rows:
            if item.prompt_id != prompt.pk:
                continue
            text = escape(item.text).replace("\n", "<br/>")
            if cluster:
                text = f"<font color='#555555'>{escape(cluster)}:</font> {text}"
            comments = "".join(f"<br/><font size='8'>– {escape(c.text)}</font>"
                               for c in item.comments.all())
            table.append([Paragraph(str(rank), body), Paragraph(text + comments, body),
                          Paragraph(str(item.dot_count), body),
                          Paragraph(str(item.plus_count), body)])
        if len(table) == 1:
            story.append(Paragraph(escape(_("No ideas for this prompt.")), body))
            continue
        grid = Table(table, colWidths=[10 * mm, 130 * mm, 16 * mm, 14 * mm], repeatRows=1)
        grid.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, "#000000"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, "#999999"),
        ]))
        story.append(grid)
    doc.build(story)
    return out.getvalue()
