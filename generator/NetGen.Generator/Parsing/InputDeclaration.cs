using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>An [Input] as declared — a vector, or an image C×H×W — or the single input of Inputs = n, with where it was declared.</summary>
internal sealed record InputDeclaration(string Name, Shape Shape, LocationInfo? Location);
