using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Validation;

/// <summary>
/// The validator's result: the network to emit (null when any error means no code must be written) and every
/// diagnostic. The generator reports the diagnostics and hands on only <see cref="Model"/>, which holds no location, so
/// an edit that moves the declaration leaves the emit step cached.
/// </summary>
internal sealed record ValidationResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
