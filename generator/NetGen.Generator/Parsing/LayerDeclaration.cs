using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>A [Dense] or [Add] as declared: sources not yet resolved, an addition's size not yet known (0).</summary>
internal sealed record LayerDeclaration(string Name, LayerKind Kind, int Size, ActivationKind Activation, EquatableArray<string> Sources, LocationInfo? Location);
