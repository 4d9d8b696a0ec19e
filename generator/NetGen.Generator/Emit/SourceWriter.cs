using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>A StringBuilder that indents: the emitter writes lines and blocks, never syntax trees.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>When set, whole-line comments (not XML docs) are left out (the lane form repeats code whose comments the scalar form has).</summary>
    public bool SuppressComments { get; set; }

    public SourceWriter Line(string line = "")
    {
        if (SuppressComments && line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("///", StringComparison.Ordinal)) return this;
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Scope(this);
    }

    /// <summary>Writes each line of <paramref name="text"/> prefixed with <c>/// </c>.</summary>
    public void Doc(string text)
    {
        foreach (string line in text.Split('\n')) Line("/// " + line);
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope(SourceWriter writer) : IDisposable
    {
        public void Dispose()
        {
            // No blank line before a closing brace.
            StringBuilder text = writer._text;
            if (text.Length >= 2 && text[text.Length - 1] == '\n' && text[text.Length - 2] == '\n') text.Length--;
            writer._indent--;
            writer.Line("}");
        }
    }
}
