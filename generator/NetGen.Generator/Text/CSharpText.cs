using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Text;

/// <summary>
/// The one escaping path for text from the user (names of classes, inputs, layers and outputs) into generated C#: as an
/// identifier, a string literal, a line comment or XML documentation. Every user string reaches the generated file
/// through exactly one of these, so that no name can end a comment, break a doc comment, or collide with C# syntax.
/// </summary>
internal static class CSharpText
{
    /// <summary>
    /// A declared name as a C# identifier: letters, digits and underscores kept, any other character replaced by '_', a
    /// leading digit prefixed by '_', and '@' in front of a keyword, reserved or contextual (<c>@class</c>,
    /// <c>@nameof</c>). Different names can meet here ("a-b" and "a_b"); callers that need distinct identifiers hand them
    /// out through <see cref="Planning.UniqueNames"/>.
    /// </summary>
    public static string Identifier(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (char c in name) text.Append(c < 128 ? (char.IsLetterOrDigit(c) || c == '_' ? c : '_') : (char.IsLetter(c) ? c : '_'));
        if (text.Length == 0 || char.IsDigit(text[0])) text.Insert(0, '_');
        return EscapeKeyword(text.ToString());
    }

    /// <summary>An identifier that is already valid as a name (a symbol's own name), with '@' in front of a keyword.</summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    /// <summary>An identifier without its keyword escape, as XML documentation names a parameter (<c>&lt;param name="class"&gt;</c>).</summary>
    public static string Unescaped(string identifier) => identifier.TrimStart('@');

    /// <summary>A string as a C# string literal: quoted, with every character outside printable ASCII written as \uXXXX.</summary>
    public static string StringLiteral(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            if (c == '"' || c == '\\') text.Append('\\').Append(c);
            else if (c >= ' ' && c < 127) text.Append(c);
            else text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// Text inside a // comment: everything that could end the line or hide text (line and paragraph separators, control
    /// and format characters, unpaired surrogates) written as \uXXXX; letters of any script stay as they are.
    /// </summary>
    public static string Comment(string value)
    {
        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
                continue;
            }
            if (IsSafeInComment(c)) text.Append(c);
            else text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>Text inside XML documentation: <see cref="Comment"/>'s escapes, then &amp;, &lt;, &gt; and quotes as entities.</summary>
    public static string Xml(string value)
    {
        string safe = Comment(value);
        var text = new StringBuilder(safe.Length);
        foreach (char c in safe)
        {
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '"': text.Append("&quot;"); break;
                case '\'': text.Append("&apos;"); break;
                default: text.Append(c); break;
            }
        }
        return text.ToString();
    }

    private static bool IsSafeInComment(char c)
    {
        if (char.IsSurrogate(c)) return false;
        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse => false,
            _ => true,
        };
    }
}
