using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>A StringBuilder that indents: the emitter writes lines and blocks, never syntax trees.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
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
            writer._indent--;
            writer.Line("}");
        }
    }
}
