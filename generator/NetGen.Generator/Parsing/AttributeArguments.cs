using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Typed reads of an attribute's arguments that yield null where the compiler already reports an error (a wrong type),
/// so that such an attribute adds nothing to the graph instead of throwing.
/// </summary>
internal readonly struct AttributeArguments(AttributeData attribute)
{
    private TypedConstant? Argument(int index) =>
        index < attribute.ConstructorArguments.Length ? attribute.ConstructorArguments[index] : null;

    private TypedConstant? Named(string key)
    {
        foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            if (pair.Key == key) return pair.Value;
        return null;
    }

    /// <summary>The number of constructor arguments.</summary>
    public int Count => attribute.ConstructorArguments.Length;

    public int? Int(int index) => Argument(index)?.Value as int?;
    public bool IsString(int index) => Argument(index) is { Kind: TypedConstantKind.Primitive } c && (c.IsNull || c.Value is string);
    public string? String(int index) => Argument(index)?.Value as string;
    public Strings? StringArray(int index) => AsStrings(Argument(index));
    public bool HasNamed(string key) => Named(key) is not null;
    public int? NamedInt(string key) => Named(key)?.Value as int?;
    public double? NamedDouble(string key) => Named(key)?.Value as double?;
    public string? NamedString(string key) => Named(key)?.Value as string;
    public Strings? NamedStringArray(string key) => AsStrings(Named(key));

    /// <summary>A string array argument: absent (null), or its elements, each possibly null.</summary>
    public sealed record Strings(string?[] Values, bool IsNull);

    private static Strings? AsStrings(TypedConstant? constant)
    {
        if (constant is not { Kind: TypedConstantKind.Array } array) return null;
        if (array.IsNull) return new Strings(System.Array.Empty<string?>(), IsNull: true);
        var values = new string?[array.Values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = array.Values[i].Value as string;
        return new Strings(values, IsNull: false);
    }
}
