using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Calculus;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Validation;

/// <summary>
/// Stage 2: checks a parsed declaration for errors of the network itself (names, sizes, where Softmax may stand, which
/// loss fits, the limits) and builds the <see cref="NetworkModel"/> to emit. A declaration with any error is not
/// emitted: the user sees the diagnostics instead of code that would not compile.
/// </summary>
internal static class Validator
{
    public static ValidationResult Validate(NetworkDeclaration declaration, System.Threading.CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>(declaration.Diagnostics);
        string name = declaration.ClassName;
        bool isDouble = declaration.Precision == PrecisionKind.Double;

        // [Add] layers have no parameters: a network of sums only has nothing to learn.
        if (!declaration.Layers.Any(l => l.Kind == LayerKind.Dense))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, declaration.NetworkLocation, name));

        List<LayerDeclaration> layers = ResolveGraph(declaration, diagnostics);

        var outputs = new HashSet<string>(declaration.Outputs.Select(o => o.Source), System.StringComparer.Ordinal);
        var read = new HashSet<string>(layers.SelectMany(l => l.Sources), System.StringComparer.Ordinal);
        foreach (LayerDeclaration layer in layers)
        {
            if (layer.Kind == LayerKind.Dense && layer.Size <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerSize, layer.Location, layer.Name, name, layer.Size));
            if (layer.Activation == ActivationKind.Softmax && (!outputs.Contains(layer.Name) || read.Contains(layer.Name)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxOnHiddenLayer, layer.Location, layer.Name, name));
        }

        CheckSizes(declaration, layers, diagnostics);

        foreach (OutputDeclaration output in declaration.Outputs)
        {
            LayerDeclaration? layer = layers.FirstOrDefault(x => x.Name == output.Source);
            if (output.Loss is not LossKind loss)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputWithoutLoss, output.Location, output.Source, name));
                continue;
            }
            if (!NumberText.IsPositiveAndFinite(output.Weight, isDouble))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOutputWeight, output.Location, output.Source, name,
                    NumberText.Plain(output.Weight), isDouble ? "double" : "float"));
            ActivationKind? required = LossFunction.For(loss).RequiredActivation;
            if (layer is not null && required is ActivationKind activation && layer.Activation != activation)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossNeedsActivation, output.Location ?? declaration.NetworkLocation,
                    name, output.Source, layer.Activation, loss, activation));
        }

        if (diagnostics.Any(d => d.IsError)) return new ValidationResult(null, diagnostics.ToEquatableArray());

        var model = new NetworkModel(
            declaration.Namespace,
            declaration.ClassName,
            declaration.Precision,
            declaration.Inputs.Select(i => new InputModel(i.Name, i.Size)).ToEquatableArray(),
            layers.Select(l => new LayerModel(l.Name, l.Kind, l.Size, l.Activation, l.Sources)).ToEquatableArray(),
            declaration.Outputs.Select(o => new OutputModel(o.Source, o.Loss!.Value, o.Weight)).ToEquatableArray());

        // The exact names the emitter will write: a member of the user's with one of them (NG0011) or a class named
        // like one (NG0028) would not compile.
        var generated = new HashSet<string>(GeneratedMembers.Of(new NetworkPlan(model)), System.StringComparer.Ordinal);
        foreach (MemberDeclaration member in declaration.Members)
            if (generated.Contains(member.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameConflict, member.Location, name, member.Name));
        if (generated.Contains(name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNamedLikeMember, declaration.ClassLocation, name));

        bool hasError = diagnostics.Any(d => d.IsError);
        return new ValidationResult(hasError ? null : model, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Resolves every name of the graph: unique names (NG0022), sources that are inputs or earlier layers (NG0017,
    /// NG0018), additions of equal sizes (NG0019, and the sum's size is its sources' size), outputs that name a layer
    /// (NG0017, NG0031) once each (NG0025), and layers that reach no output (NG0020, a warning: the network still compiles).
    /// Reachability is checked only once every name resolves: behind a misspelt output or source, every layer upstream
    /// would be warned about too, warnings that only repeat the error and go away with it. Sizes are added in long, so
    /// that a sum of huge sources is refused by the limits instead of wrapping.
    /// </summary>
    private static List<LayerDeclaration> ResolveGraph(NetworkDeclaration declaration, List<DiagnosticInfo> diagnostics)
    {
        string name = declaration.ClassName;
        var sizes = new Dictionary<string, long>(System.StringComparer.Ordinal);
        var declared = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (InputDeclaration input in declaration.Inputs)
        {
            if (input.Name.Length > 0 && !declared.Add(input.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, input.Location, input.Name, name));
            sizes[input.Name] = input.Size;
        }
        var allNames = new HashSet<string>(declaration.Inputs.Select(i => i.Name).Concat(declaration.Layers.Select(l => l.Name)), System.StringComparer.Ordinal);

        var layers = new List<LayerDeclaration>();
        bool unresolved = false;
        foreach (LayerDeclaration layer in declaration.Layers)
        {
            if (layer.Name.Length > 0 && !declared.Add(layer.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, layer.Location, layer.Name, name));
            if (layer.Sources.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSource, layer.Location, layer.Name, name, "(no source)"));
                unresolved = true;
            }
            long size = layer.Size;
            string? first = null;
            foreach (string source in layer.Sources)
            {
                if (source.Length == 0)
                {
                    unresolved = true;   // NG0026, reported by the parser
                    continue;
                }
                if (!sizes.TryGetValue(source, out long sourceSize))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        allNames.Contains(source) ? DiagnosticDescriptors.ForwardReference : DiagnosticDescriptors.UnknownSource,
                        layer.Location, layer.Name, name, source));
                    unresolved = true;
                    continue;
                }
                if (layer.Kind != LayerKind.Add) continue;
                if (first is null) (first, size) = (source, sourceSize);
                else if (sourceSize != size)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AddSizeMismatch, layer.Location, layer.Name, name, source, sourceSize, first, size));
            }
            // A sum's size is its sources'; one past int's range is left to the limits (NG0027) and clamped here.
            LayerDeclaration resolved = layer.Kind == LayerKind.Add ? layer with { Size = (int)System.Math.Min(size, int.MaxValue) } : layer;
            layers.Add(resolved);
            sizes[layer.Name] = resolved.Size;
        }

        var inputNames = new HashSet<string>(declaration.Inputs.Select(i => i.Name), System.StringComparer.Ordinal);
        var layerNames = new HashSet<string>(layers.Select(l => l.Name), System.StringComparer.Ordinal);
        var outputNames = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (OutputDeclaration output in declaration.Outputs)
        {
            if (output.Source.Length == 0)
            {
                unresolved = true;   // NG0026, reported by the parser
            }
            else if (inputNames.Contains(output.Source) && !layerNames.Contains(output.Source))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutputIsAnInput, output.Location, output.Source, name));
                unresolved = true;
            }
            else if (!layerNames.Contains(output.Source))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSource, output.Location, "[Output]", name, output.Source));
                unresolved = true;
            }
            // A layer has one target span and one sensitivity from its cost; two [Output]s of it would need two.
            else if (!outputNames.Add(output.Source))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateOutput, output.Location, output.Source, name));
        }
        if (unresolved) return layers;

        // Walk back from the outputs through the sources; what is never reached does not change the cost.
        var reaches = new HashSet<string>(declaration.Outputs.Select(o => o.Source), System.StringComparer.Ordinal);
        for (int l = layers.Count - 1; l >= 0; l--)
            if (reaches.Contains(layers[l].Name))
                foreach (string source in layers[l].Sources) reaches.Add(source);
        foreach (LayerDeclaration layer in layers)
            if (!reaches.Contains(layer.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreachableLayer, layer.Location, layer.Name, name));
        return layers;
    }

    /// <summary>
    /// NG0014: more parameters than <see cref="Limits.MaxParameterCount"/>, reported at the largest layer when that layer
    /// alone is too large (it is the one to change), otherwise at the [Network] attribute. NG0027: more values than
    /// <see cref="Limits.MaxValueCount"/> in the inputs and layers together (an [Add] has no parameters but as many values
    /// as its sources). Counted in decimal, which no product or sum of int sizes overflows; non-positive sizes count as
    /// zero (they are NG0003 and NG0004).
    /// </summary>
    private static void CheckSizes(NetworkDeclaration declaration, List<LayerDeclaration> layers, List<DiagnosticInfo> diagnostics)
    {
        var sizes = new Dictionary<string, decimal>(System.StringComparer.Ordinal);
        decimal values = 0;
        foreach (InputDeclaration input in declaration.Inputs)
        {
            sizes[input.Name] = System.Math.Max(0, input.Size);
            values += System.Math.Max(0, input.Size);
        }
        decimal total = 0, largest = -1;
        LayerDeclaration? largestLayer = null;
        foreach (LayerDeclaration layer in layers)
        {
            decimal fanIn = layer.Sources.Sum(s => sizes.TryGetValue(s, out decimal n) ? n : 0);
            decimal size = layer.Kind == LayerKind.Add
                ? layer.Sources.Select(s => sizes.TryGetValue(s, out decimal n) ? n : 0).DefaultIfEmpty(0).Max()
                : System.Math.Max(0, layer.Size);
            decimal parameters = layer.Kind == LayerKind.Dense ? size * fanIn + size : 0;
            total += parameters;
            values += size;
            if (parameters > largest) (largest, largestLayer) = (parameters, layer);
            sizes[layer.Name] = size;
        }
        if (total > Limits.MaxParameterCount)
        {
            LocationInfo? location = largest > Limits.MaxParameterCount ? largestLayer!.Location : declaration.NetworkLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, location,
                declaration.ClassName, NumberText.Count(total), NumberText.Count(Limits.MaxParameterCount), largestLayer!.Name, NumberText.Count(largest)));
        }
        if (values > Limits.MaxValueCount)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyValues, declaration.NetworkLocation,
                declaration.ClassName, NumberText.Count(values), "its inputs and layers together", NumberText.Count(Limits.MaxValueCount)));
    }
}
