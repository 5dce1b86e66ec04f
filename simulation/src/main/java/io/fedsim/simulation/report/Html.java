package io.fedsim.simulation.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Just enough HTML for FedSim's reports: one self-contained page (inline CSS, images as data URIs, no
 * scripts, nothing fetched), with escaped text everywhere.
 */
final class Html {
    private static final String CSS = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 960px; color: #111; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; }
            h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
            dl.digest { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
            dl.digest dt { font-weight: bold; }
            dl.digest dd { margin: 0; }
            figure { margin: 1.2em 0; }
            figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { font-size: 0.9em; color: #333; }
            table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
            th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: right; }
            th { background: #eee; }
            td.text, th.text { text-align: left; }
            p.note { color: #444; font-size: 0.9em; }
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;

    Html(String title) {
        this.title = title;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    Html heading(int level, String text) {
        body.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        return this;
    }

    Html paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    Html note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Label: text lines, as a definition list. */
    Html digest(Map<String, String> lines) {
        body.append("<dl class=\"digest\">\n");
        lines.forEach((k, v) -> body.append("<dt>").append(escape(k)).append("</dt><dd>").append(escape(v))
                .append("</dd>\n"));
        body.append("</dl>\n");
        return this;
    }

    /** The chart inlined as a base64 PNG, with its caption; the alt text says what it shows. */
    Html figure(Figure f) {
        body.append("<figure><img alt=\"").append(escape(f.caption())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(f.png())).append("\"><figcaption>").append(escape(f.caption()))
                .append(" (<code>charts/").append(escape(f.file())).append("</code>)</figcaption></figure>\n");
        return this;
    }

    /**
     * A table; a cell that starts with {@code href:} is a link, written {@code href:TARGET|TEXT}. Columns whose
     * header is in {@code textColumns} align left, the rest (numbers) right.
     */
    Html table(List<String> header, List<List<String>> rows, List<String> textColumns) {
        body.append("<table>\n<tr>");
        header.forEach(h -> body.append(textColumns.contains(h) ? "<th class=\"text\">" : "<th>").append(escape(h))
                .append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                body.append(textColumns.contains(header.get(i)) ? "<td class=\"text\">" : "<td>").append(cell(row.get(i)))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    private static String cell(String value) {
        if (value.startsWith("href:")) {
            int bar = value.indexOf('|');
            return "<a href=\"" + escape(value.substring(5, bar)) + "\">" + escape(value.substring(bar + 1)) + "</a>";
        }
        return escape(value);
    }

    static String link(String target, String text) {
        return "href:" + target + "|" + text;
    }

    String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }
}
