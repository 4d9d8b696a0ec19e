using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Parsing;

/// <summary>A member the user declared in the network class, by name, for the generated-name check (NG0011).</summary>
internal sealed record MemberDeclaration(string Name, LocationInfo? Location);
