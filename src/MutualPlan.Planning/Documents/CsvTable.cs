using System.Text;

namespace MutualPlan.Planning.Documents;

/// <summary>One data row of a CSV file: its 1-based line number in the file (for messages) and its fields.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>Why a CSV text could not be read at all (as opposed to a row with bad values).</summary>
public sealed class CsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// A CSV text read by RFC 4180's rules, tolerant where spreadsheets differ: fields separated by
/// commas, optionally quoted; a quote inside a quoted field doubled; line breaks CRLF or LF, also
/// inside quoted fields; a UTF-8 byte-order mark ignored; the first row is the header. Blank lines
/// are skipped (spreadsheets often end with some).
/// </summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows)
{
    public static CsvTable Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var records = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var atFieldStart = true;
        var blankRecord = true;

        void EndField() { fields.Add(field.ToString()); field.Clear(); atFieldStart = true; }
        void EndRecord()
        {
            EndField();
            if (!(blankRecord && fields.Count == 1 && fields[0].Length == 0)) records.Add(new CsvRow(recordLine, fields.ToArray()));
            fields.Clear();
            blankRecord = true;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                // A quoted field: runs to the closing quote, which must end the field.
                var startLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new CsvFormatException(startLine, $"Line {startLine}: a quoted field is never closed (a \" is missing).");
                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (q == '\n') line++;
                    field.Append(q);
                    i++;
                }
                blankRecord = false;
                atFieldStart = false;
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    throw new CsvFormatException(line, $"Line {line}: text follows a closing quote; quote the whole field and double the quotes inside it.");
                continue;
            }
            switch (c)
            {
                case ',':
                    blankRecord = false;
                    EndField();
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    i++;
                    break;
                case '\r' or '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    i++;
                    break;
                default:
                    field.Append(c);
                    blankRecord = false;
                    atFieldStart = false;
                    i++;
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0 || !blankRecord) EndRecord();

        if (records.Count == 0) throw new CsvFormatException(1, "The file is empty: the first line must name the columns.");
        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        if (header.All(h => h.Length == 0)) throw new CsvFormatException(records[0].Line, "The first line must name the columns.");
        return new CsvTable(header, records.Skip(1).ToList());
    }
}
