using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Parsing;

/// <summary>An [Input] as declared (or the single input of Inputs = n), with where it was declared.</summary>
internal sealed record InputDeclaration(string Name, int Size, LocationInfo? Location);
