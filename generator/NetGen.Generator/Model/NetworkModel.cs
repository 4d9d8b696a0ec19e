namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network class, and nothing else. This record is the incremental cache
/// boundary of the emit step: it holds only strings, numbers, enums and <see cref="EquatableArray{T}"/> — never an
/// ISymbol, SyntaxNode, Compilation or Location — so that an edit that does not change the network (a blank line above
/// the class, a member of the user's) compares equal and the emitter does not run again. <see cref="Namespace"/> holds
/// the containing namespaces' names from the outside in (empty for the global namespace); names are unescaped.
/// </summary>
internal sealed record NetworkModel(
    EquatableArray<string> Namespace,
    string ClassName,
    PrecisionKind Precision,
    EquatableArray<InputModel> Inputs,
    EquatableArray<LayerModel> Layers,
    EquatableArray<OutputModel> Outputs);
