namespace NetGen.Generator.Model;

// The models below are the incremental cache boundary: they hold only strings, numbers, enums and
// EquatableArray, never an ISymbol, SyntaxNode, Compilation or Location, so that an edit elsewhere in the
// user's project compares equal and the emitter does not run again.

/// <summary>Mirrors NetGen.Activation (same values); the generator cannot reference the runtime library.</summary>
internal enum ActivationKind { Identity = 0, Sigmoid = 1, Tanh = 2, ReLU = 3, LeakyReLU = 4, Softplus = 5, Softmax = 6 }

/// <summary>Mirrors NetGen.Loss.</summary>
internal enum LossKind { SquaredError = 0, CrossEntropy = 1 }

/// <summary>Mirrors NetGen.Precision.</summary>
internal enum PrecisionKind { Single = 0, Double = 1 }

/// <summary>Mirrors NetGen.LayerKind.</summary>
internal enum LayerKindModel { Dense = 0, Add = 1 }

/// <summary>A named input: the activations a(0).</summary>
internal sealed record InputModel(string Name, int Size, LocationInfo? Location = null);

/// <summary>A layer of the graph: a dense layer reads the concatenation of <see cref="Sources"/>; an addition sums them
/// (its <see cref="Size"/> is its sources' size, known once the validator has resolved the names).</summary>
internal sealed record LayerModel(string Name, LayerKindModel Kind, int Size, ActivationKind Activation, EquatableArray<string> Sources, LocationInfo? Location);

/// <summary>An output: a layer's activations compared with a target; <see cref="Loss"/> is null where none was given (NG0021).</summary>
internal sealed record OutputModel(string Source, LossKind? Loss, double Weight, LocationInfo? Location = null);

/// <summary>Everything the emitter needs to write one network class.</summary>
internal sealed record NetworkModel(
    string? Namespace,
    string ClassName,
    string FullyQualifiedName,
    PrecisionKind Precision,
    EquatableArray<InputModel> Inputs,
    EquatableArray<LayerModel> Layers,
    EquatableArray<OutputModel> Outputs,
    LocationInfo? Location);

/// <summary>The parser's result: a model to emit (absent when a declaration error prevents it) and the diagnostics to report.</summary>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
