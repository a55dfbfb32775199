using Microsoft.CodeAnalysis.Text;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Documents;

/// <summary>
/// Converts between LSP positions (line, UTF-16 character) and offsets into a <see cref="SourceText"/>. .NET strings
/// are UTF-16, so characters map one to one. Positions outside the text are clamped, never an error: a line past the
/// end means the end of the text, a character past the end of its line means the end of that line.
/// </summary>
internal static class PositionMapping
{
    public static int ToOffset(SourceText text, Position position)
    {
        var lines = text.Lines;
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= lines.Count)
        {
            return text.Length;
        }

        var line = lines[position.Line];
        return line.Start + Math.Clamp(position.Character, 0, line.End - line.Start);
    }

    public static TextSpan ToSpan(SourceText text, Protocol.Range range)
    {
        var start = ToOffset(text, range.Start);
        var end = ToOffset(text, range.End);
        return start <= end ? TextSpan.FromBounds(start, end) : TextSpan.FromBounds(end, start);
    }

    public static Position ToPosition(SourceText text, int offset)
    {
        var position = text.Lines.GetLinePosition(Math.Clamp(offset, 0, text.Length));
        return new Position(position.Line, position.Character);
    }

    public static Protocol.Range ToRange(SourceText text, TextSpan span) =>
        new(ToPosition(text, span.Start), ToPosition(text, span.End));

    public static Protocol.Range ToRange(LinePositionSpan span) =>
        new(new Position(span.Start.Line, span.Start.Character), new Position(span.End.Line, span.End.Character));
}
