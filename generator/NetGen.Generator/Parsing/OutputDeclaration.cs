using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>An [Output] as declared (or the default output, the last layer); <see cref="Loss"/> is null where none was given (NG0021).</summary>
internal sealed record OutputDeclaration(string Source, LossKind? Loss, double Weight, LocationInfo? Location);
