"""Workshop results out of the platform: CSV for spreadsheets, PDF for the record, a QR code."""

import csv
import io
from pathlib import Path

import segno
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tuuma.core.text import spreadsheet_cell as _safe

from .actions import author_label, ranked_items, results_by_prompt


def qr_svg(url: str) -> bytes:
    """The join link as an SVG QR code (dark on white, quiet zone kept for phone cameras)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=4, xmldecl=False,
                                    svgns=True, title=url)
    return out.getvalue()


def _groups(workshop):
    """[(prompt, [ClusterGroup, ...])]: each prompt's results under their clusters, the
    cluster with the most dots first, the items in no cluster last; items keep their overall
    rank (`item.rank`)."""
    return results_by_prompt(workshop, ranked_items(workshop))


def results_csv(workshop) -> str:
    """One row per item, grouped as on the results page: prompt by prompt, the clusters with
    the most dots first (with the cluster's total on each of its rows), then the items in no
    cluster. The rank is the item's place in the whole workshop."""
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 with ä and ö correctly only with the BOM
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Rank"), _("Prompt"), _("Cluster"), _("Idea"), _("Dots"), _("+1s"),
                     _("Comments"), _("Posted by"), _("In the pipeline"),
                     _("Dots in the cluster")])
    for prompt, groups in _groups(workshop):
        for group in groups:
            for item in group.items:
                comments = " | ".join(c.text for c in item.comments.all())
                writer.writerow([
                    item.rank, _safe(prompt.text), _safe(group.title), _safe(item.text),
                    item.dot_count, item.plus_count, _safe(comments),
                    _safe(author_label(item.author, workshop) or ""),
                    item.idea.get_absolute_url() if item.idea_id else "",
                    group.total if group.cluster else ""])
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
    """A summary for the record: the workshop, its prompts and the results by prompt, under
    their clusters (the cluster with the most dots first), each item with its overall rank."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=workshop.title, author="tuuma",
                            leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, lang="fi")
    doc.build(pdf_story(workshop))
    return out.getvalue()


def pdf_story(workshop) -> list:
    """The PDF's content as ReportLab flowables (the tests read its text from these)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    _fonts()
    body = ParagraphStyle("body", fontName="Vera", fontSize=10, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11)
    h1 = ParagraphStyle("h1", fontName="VeraBd", fontSize=18, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName="VeraBd", fontSize=13, leading=16, spaceBefore=10,
                        spaceAfter=4)
    h3 = ParagraphStyle("h3", fontName="VeraBd", fontSize=11, leading=14, spaceBefore=6,
                        spaceAfter=3)
    results = _groups(workshop)
    dots = sum(group.total for _p, groups in results for group in groups)
    story = [Paragraph(escape(workshop.title), h1),
             Paragraph(escape(_("%(org)s · %(date)s · %(people)s participants · %(dots)s dots")
                              % {"org": workshop.organization.name,
                                 "date": timezone.localtime(workshop.created_at)
                                 .strftime("%-d.%-m.%Y"),
                                 "people": workshop.participants.count(),
                                 "dots": dots}), body)]
    if workshop.description:
        story += [Spacer(1, 4), Paragraph(escape(workshop.description), body)]
    for prompt, groups in results:
        story.append(Paragraph(escape(prompt.text), h2))
        if not groups:
            story.append(Paragraph(escape(_("No ideas for this prompt.")), body))
            continue
        for group in groups:
            if group.cluster:
                story.append(Paragraph(escape(
                    ngettext("%(cluster)s – %(n)s dot", "%(cluster)s – %(n)s dots", group.total)
                    % {"cluster": group.title, "n": group.total}), h3))
            elif group.heading:
                story.append(Paragraph(escape(_("Not in a cluster")), h3))
            table = [[Paragraph(escape(_("Rank")), small), Paragraph(escape(_("Idea")), small),
                      Paragraph(escape(_("Dots")), small), Paragraph("+1", small)]]
            for item in group.items:
                text = escape(item.text).replace("\n", "<br/>")
                comments = "".join(f"<br/><font size='8'>– {escape(c.text)}</font>"
                                   for c in item.comments.all())
                table.append([Paragraph(str(item.rank), body), Paragraph(text + comments, body),
                              Paragraph(str(item.dot_count), body),
                              Paragraph(str(item.plus_count), body)])
            grid = Table(table, colWidths=[14 * mm, 126 * mm, 16 * mm, 14 * mm], repeatRows=1)
            grid.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, "#000000"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, "#999999"),
            ]))
            story.append(grid)
    return story
