using System.Collections.Generic;
using NetGen.Generator.Text;

namespace NetGen.Generator.Planning;

/// <summary>
/// Hands out C# identifiers made from declared names, once each: distinct names can meet as identifiers ("a-b" and
/// "a_b" both become a_b; "x" and the reserved "gradient"), so a name already taken gets the first free suffix _2, _3, ...
/// </summary>
internal sealed class UniqueNames(params string[] reserved)
{
    private readonly HashSet<string> _taken = new(reserved, System.StringComparer.Ordinal);

    /// <summary>An identifier for <paramref name="declaredName"/> not handed out before.</summary>
    public string Take(string declaredName) => TakeWith(declaredName, "");

    /// <summary>An identifier for <paramref name="declaredName"/> that is free both as it is and with <paramref name="suffix"/>
    /// appended (an output's span in Forward and its target span, name + "Target", in Backward); both are taken.</summary>
    public string TakeWith(string declaredName, string suffix)
    {
        string baseName = CSharpText.Unescaped(CSharpText.Identifier(declaredName));
        string name = baseName;
        for (int n = 2; _taken.Contains(name) || (suffix.Length > 0 && _taken.Contains(name + suffix)); n++)
            name = baseName + "_" + NumberText.Int(n);
        _taken.Add(name);
        if (suffix.Length > 0) _taken.Add(name + suffix);
        return CSharpText.EscapeKeyword(name);
    }
}
