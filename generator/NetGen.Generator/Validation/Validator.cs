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

        List<(LayerDeclaration Layer, Shape Shape)> layers = ResolveGraph(declaration, diagnostics);

        var outputs = new HashSet<string>(declaration.Outputs.Select(o => o.Source), System.StringComparer.Ordinal);
        var read = new HashSet<string>(layers.SelectMany(l => l.Layer.Sources), System.StringComparer.Ordinal);
        foreach ((LayerDeclaration layer, _) in layers)
        {
            if (layer.Kind == LayerKind.Dense && layer.Size <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerSize, layer.Location, layer.Name, name, layer.Size));
            if (layer.Activation == ActivationKind.Softmax && (!outputs.Contains(layer.Name) || read.Contains(layer.Name)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxOnHiddenLayer, layer.Location, layer.Name, name));
        }

        CheckSizes(declaration, layers, diagnostics);

        foreach (OutputDeclaration output in declaration.Outputs)
        {
            LayerDeclaration? layer = layers.Select(x => x.Layer).FirstOrDefault(x => x.Name == output.Source);
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
            declaration.Inputs.Select(i => new InputModel(i.Name, i.Shape)).ToEquatableArray(),
            layers.Select(l => new LayerModel(l.Layer.Name, l.Layer.Kind, l.Shape, l.Layer.Activation, l.Layer.Sources,
                Filters: l.Layer.Kind == LayerKind.Conv ? l.Layer.Size : 0, KernelHeight: l.Layer.KernelHeight, KernelWidth: l.Layer.KernelWidth,
                Stride: l.Layer.Stride, Padding: l.Layer.Padding)).ToEquatableArray(),
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
    /// Resolves every name and shape of the graph: unique names (NG0022), sources that are inputs or earlier layers
    /// (NG0017, NG0018), additions of equal shapes (NG0019), convolutions and pools reading images (NG0035) of one height
    /// and width (NG0036), one source per pool (NG0037), their geometry (NG0004, NG0032–NG0034), outputs that name a layer
    /// (NG0017, NG0031) once each (NG0025), and layers that reach no output (NG0020, a warning: the network still
    /// compiles). Reachability is checked only once every name resolves: behind a misspelt output or source, every layer
    /// upstream would be warned about too, warnings that only repeat the error and go away with it. Returns each layer's
    /// output shape (sizes in long, so that huge sums are refused by the limits instead of wrapping).
    /// </summary>
    private static List<(LayerDeclaration Layer, Shape Shape)> ResolveGraph(NetworkDeclaration declaration, List<DiagnosticInfo> diagnostics)
    {
        string name = declaration.ClassName;
        var shapes = new Dictionary<string, Shape>(System.StringComparer.Ordinal);
        var declared = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (InputDeclaration input in declaration.Inputs)
        {
            if (input.Name.Length > 0 && !declared.Add(input.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, input.Location, input.Name, name));
            shapes[input.Name] = input.Shape;
        }
        var allNames = new HashSet<string>(declaration.Inputs.Select(i => i.Name).Concat(declaration.Layers.Select(l => l.Name)), System.StringComparer.Ordinal);

        var layers = new List<(LayerDeclaration Layer, Shape Shape)>();
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
            var sources = new List<(string Name, Shape Shape)>();
            foreach (string source in layer.Sources)
            {
                if (source.Length == 0)
                {
                    unresolved = true;   // NG0026, reported by the parser
                    continue;
                }
                if (!shapes.TryGetValue(source, out Shape sourceShape))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        allNames.Contains(source) ? DiagnosticDescriptors.ForwardReference : DiagnosticDescriptors.UnknownSource,
                        layer.Location, layer.Name, name, source));
                    unresolved = true;
                    continue;
                }
                sources.Add((source, sourceShape));
            }
            Shape shape = sources.Count == layer.Sources.Count && sources.Count > 0
                ? ShapeOf(layer, sources, name, diagnostics)
                : Shape.Vector(System.Math.Max(0, layer.Size));
            layers.Add((layer, shape));
            shapes[layer.Name] = shape;
        }

        var inputNames = new HashSet<string>(declaration.Inputs.Select(i => i.Name), System.StringComparer.Ordinal);
        var layerNames = new HashSet<string>(layers.Select(l => l.Layer.Name), System.StringComparer.Ordinal);
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
            if (reaches.Contains(layers[l].Layer.Name))
                foreach (string source in layers[l].Layer.Sources) reaches.Add(source);
        foreach ((LayerDeclaration layer, _) in layers)
            if (!reaches.Contains(layer.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreachableLayer, layer.Location, layer.Name, name));
        return layers;
    }

    /// <summary>A layer's output shape from its sources' shapes, with the diagnostics of its kind; a shape of 0 values when
    /// the layer is wrong (its error is reported, and nothing after it is planned).</summary>
    private static Shape ShapeOf(LayerDeclaration layer, List<(string Name, Shape Shape)> sources, string network, List<DiagnosticInfo> diagnostics)
    {
        string name = layer.Name;
        switch (layer.Kind)
        {
            case LayerKind.Dense:
                return Shape.Vector(System.Math.Max(0, layer.Size));

            case LayerKind.Add:
                foreach ((string source, Shape shape) in sources.Skip(1))
                    if (shape != sources[0].Shape)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AddSizeMismatch, layer.Location, name, network, source, shape, sources[0].Name, sources[0].Shape));
                return sources[0].Shape;
        }

        // Convolutions and pools read images: concatenated along channels, one height and width.
        (string vector, Shape vectorShape) = sources.FirstOrDefault(s => !s.Shape.IsImage);
        if (vector is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReadsAVector, layer.Location, name, network, vector, vectorShape.Size));
            return Shape.Vector(0);
        }
        if (layer.Kind != LayerKind.Conv && sources.Count > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PoolReadsSeveral, layer.Location, name, network, sources.Count));
            return Shape.Vector(0);
        }
        foreach ((string source, Shape shape) in sources.Skip(1))
        {
            if (shape.Height == sources[0].Shape.Height && shape.Width == sources[0].Shape.Width) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImageSizesDiffer, layer.Location, name, network, sources[0].Name, sources[0].Shape, source, shape));
            return Shape.Vector(0);
        }
        long channels = sources.Sum(s => (long)s.Shape.Channels);
        int height = sources[0].Shape.Height, width = sources[0].Shape.Width;
        if (channels > int.MaxValue) return Shape.Vector(0);   // NG0027 reports the values
        if (layer.Kind == LayerKind.GlobalAvgPool) return Shape.Image((int)channels, 1, 1);

        bool valid = true;
        if (layer.Kind == LayerKind.Conv && layer.Size <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerSize, layer.Location, name, network, layer.Size));
            valid = false;
        }
        string kernel = layer.Kind == LayerKind.Conv ? "kernel" : "window";
        (string What, int Value)[] geometry = layer.Kind == LayerKind.Conv
            ? [("KernelHeight", layer.KernelHeight), ("KernelWidth", layer.KernelWidth), ("Stride", layer.Stride)]
            : [("the window's size", layer.KernelHeight), ("Stride", layer.Stride)];
        // One report per layer: a kernelSize of 0 is both its height and width, a window of 0 also the pool's default stride.
        foreach ((string what, int value) in geometry.Where(g => g.Value < 1).Take(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidGeometry, layer.Location, name, network, what, value));
            valid = false;
        }
        if (layer.Padding < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativePadding, layer.Location, name, network, layer.Padding));
            valid = false;
        }
        if (!valid) return Shape.Vector(0);
        long outputHeight = (height + 2L * layer.Padding - layer.KernelHeight) / layer.Stride + 1;
        long outputWidth = (width + 2L * layer.Padding - layer.KernelWidth) / layer.Stride + 1;
        if (height + 2L * layer.Padding < layer.KernelHeight || width + 2L * layer.Padding < layer.KernelWidth)
        {
            string size = $"{NumberText.Int(layer.KernelHeight)}×{NumberText.Int(layer.KernelWidth)}";
            string output = $"{NumberText.Int(System.Math.Max(0, outputHeight))}×{NumberText.Int(System.Math.Max(0, outputWidth))}";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelLargerThanInput, layer.Location, name, network, size, kernel,
                $"{NumberText.Int(height)}×{NumberText.Int(width)}", layer.Padding, output));
            return Shape.Vector(0);
        }
        int outputChannels = layer.Kind == LayerKind.Conv ? layer.Size : (int)channels;
        return Shape.Image(outputChannels, (int)outputHeight, (int)outputWidth);
    }

    /// <summary>
    /// NG0014: more parameters than <see cref="Limits.MaxParameterCount"/>, reported at the largest layer when that layer
    /// alone is too large (it is the one to change), otherwise at the [Network] attribute. NG0027: more values than
    /// <see cref="Limits.MaxValueCount"/> in the inputs and layers together (an [Add] has no parameters but as many values
    /// as its sources). Counted in decimal, which no product or sum of int sizes overflows; non-positive sizes count as
    /// zero (they are NG0003 and NG0004).
    /// </summary>
    private static void CheckSizes(NetworkDeclaration declaration, List<(LayerDeclaration Layer, Shape Shape)> layers, List<DiagnosticInfo> diagnostics)
    {
        var shapes = new Dictionary<string, Shape>(System.StringComparer.Ordinal);
        decimal values = 0;
        foreach (InputDeclaration input in declaration.Inputs)
        {
            shapes[input.Name] = input.Shape;
            values += Count(input.Shape);
        }
        decimal total = 0, largest = -1;
        LayerDeclaration? largestLayer = null;
        foreach ((LayerDeclaration layer, Shape shape) in layers)
        {
            decimal fanIn = layer.Kind switch
            {
                LayerKind.Dense => layer.Sources.Sum(s => shapes.TryGetValue(s, out Shape n) ? Count(n) : 0),
                // A filter reads every channel of its sources over the kernel.
                LayerKind.Conv => layer.Sources.Sum(s => shapes.TryGetValue(s, out Shape n) ? System.Math.Max(0, n.Channels) : 0)
                    * (decimal)System.Math.Max(0, layer.KernelHeight) * System.Math.Max(0, layer.KernelWidth),
                _ => 0,
            };
            decimal units = layer.Kind == LayerKind.Conv ? System.Math.Max(0, layer.Size) : Count(shape);
            decimal parameters = layer.Kind is LayerKind.Dense or LayerKind.Conv ? units * fanIn + units : 0;
            total += parameters;
            values += Count(shape);
            if (parameters > largest) (largest, largestLayer) = (parameters, layer);
            shapes[layer.Name] = shape;
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

        static decimal Count(Shape shape) =>
            (decimal)System.Math.Max(0, shape.Channels) * System.Math.Max(0, shape.Height) * System.Math.Max(0, shape.Width);
    }
}
