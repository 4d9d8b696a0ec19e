using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// The parser's result for one [Network] class: the graph as declared, with the locations the validator's diagnostics
/// point at, the user's own member names, and the errors found on the symbols.
/// </summary>
internal sealed record NetworkDeclaration(
    EquatableArray<string> Namespace,
    string ClassName,
    PrecisionKind Precision,
    EquatableArray<InputDeclaration> Inputs,
    EquatableArray<LayerDeclaration> Layers,
    EquatableArray<OutputDeclaration> Outputs,
    EquatableArray<MemberDeclaration> Members,
    LocationInfo? NetworkLocation,
    LocationInfo? ClassLocation,
    EquatableArray<DiagnosticInfo> Diagnostics);
