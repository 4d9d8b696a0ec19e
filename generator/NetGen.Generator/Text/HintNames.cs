using System.Globalization;
using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Text;

/// <summary>
/// The name of a network's generated file. Roslyn compares hint names ignoring case and throws on a duplicate, which
/// would lose every network's code (CS8785), so the name must differ for any two classes — <c>Net</c> and <c>NET</c>,
/// namespaces <c>app</c> and <c>App</c> — and stay the same from build to build.
/// </summary>
internal static class HintNames
{
    /// <summary>
    /// <c>{namespace}.{class}.NetGen.g.cs</c> in ASCII letters and digits; every other character is written as
    /// <c>-XXXX-</c> (its UTF-16 code), and when the name has capitals <c>+{mask}</c> follows it, one hexadecimal digit per
    /// four letters whose bits say which are capitals (<c>XorNet+9.NetGen.g.cs</c>). Neither '-' nor '+' can occur in a C#
    /// name, so two names that differ in any character, case included, give file names that differ ignoring case.
    /// </summary>
    public static string For(NetworkModel model)
    {
        string fullName = model.Namespace.Count == 0 ? model.ClassName : string.Join(".", model.Namespace) + "." + model.ClassName;
        var readable = new StringBuilder(fullName.Length);
        var capitals = new StringBuilder();
        int letters = 0, mask = 0;
        foreach (char c in fullName)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                readable.Append(c);
                if (c is >= 'A' and <= 'Z') mask |= 1 << (letters % 4);
                if (++letters % 4 == 0) Flush();
            }
            else if (c is >= '0' and <= '9' or '.' or '_') readable.Append(c);
            else readable.Append('-').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('-');
        }
        if (letters % 4 != 0) Flush();
        string caseMark = capitals.ToString().TrimEnd('0');
        return readable + (caseMark.Length == 0 ? "" : "+" + caseMark) + ".NetGen.g.cs";

        // One hexadecimal digit per four letters: bit i set when letter i of the four is a capital.
        void Flush()
        {
            capitals.Append(mask.ToString("x", CultureInfo.InvariantCulture));
            mask = 0;
        }
    }
}
