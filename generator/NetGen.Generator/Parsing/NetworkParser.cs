using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Stage 1: reads the symbols of one [Network] class into a <see cref="NetworkDeclaration"/> — the graph in declaration
/// order, where each part was declared, the user's member names — and reports what is wrong with the class itself.
/// </summary>
internal static class NetworkParser
{
    public static NetworkDeclaration Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode; // a class or a record (NG0016)
        string name = type.Name;
        LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        AttributeData network = context.Attributes[0];
        LocationInfo? networkLocation = LocationInfo.From(network.ApplicationSyntaxReference?.GetSyntax(cancellationToken)) ?? classLocation;

        CheckClass(type, declaration, classLocation, diagnostics, cancellationToken);

        int inputs = 0;
        bool inputsGiven = false, lossGiven = false;
        var loss = LossKind.SquaredError;
        var precision = PrecisionKind.Single;
        foreach (KeyValuePair<string, TypedConstant> argument in network.NamedArguments)
        {
            if (argument.Value.Value is not int value) continue;
            switch (argument.Key)
            {
                case "Inputs":
                    (inputs, inputsGiven) = (value, true);
                    break;
                case "Loss" when System.Enum.IsDefined(typeof(LossKind), value):
                    (loss, lossGiven) = ((LossKind)value, true);
                    break;
                case "Loss":
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedLoss, networkLocation, name, value));
                    break;
                case "Precision" when System.Enum.IsDefined(typeof(PrecisionKind), value):
                    precision = (PrecisionKind)value;
                    break;
                case "Precision":
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedPrecision, networkLocation, name, value));
                    break;
            }
        }

        // The graph, in declaration order: inputs, layers (Dense and Add) and outputs. Names are resolved by the validator.
        var declaredInputs = new List<InputDeclaration>();
        var layers = new List<LayerDeclaration>();
        var outputs = new List<OutputDeclaration>();
        string? previous = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? attributeName = attribute.AttributeClass?.ToDisplayString();
            if (!AttributeNames.IsLayer(attributeName) && attributeName is not (AttributeNames.Input or AttributeNames.Output)) continue;
            SyntaxNode? syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
            LocationInfo? location = LocationInfo.From(syntax) ?? classLocation;
            if (syntax is null || syntax.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(syntax.Span))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersInSeveralDeclarations, location, name));
                continue;
            }
            // An attribute with arguments of the wrong type is already a compiler error; it adds nothing to the graph.
            var args = new AttributeArguments(attribute);
            switch (attributeName)
            {
                case AttributeNames.Input when args.IsString(0) && args.Count == 2 && args.Int(1) is int inputSize:
                {
                    string inputName = CheckName(args.String(0), "An [Input]", name, location, diagnostics);
                    if (inputSize <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputs, location, name,
                            $"the input '{inputName}' of size {NumberText.Int(inputSize)}", "give the input its number of values"));
                    declaredInputs.Add(new InputDeclaration(inputName, Shape.Vector(inputSize), location));
                    break;
                }

                case AttributeNames.Input when args.IsString(0) && args.Count == 4 && args.Int(1) is int channels && args.Int(2) is int height && args.Int(3) is int width:
                {
                    string inputName = CheckName(args.String(0), "An [Input]", name, location, diagnostics);
                    var shape = Shape.Image(channels, height, width);
                    if (channels <= 0 || height <= 0 || width <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputs, location, name,
                            $"the image input '{inputName}' of shape {shape}", "give its channels, height and width, each 1 or more"));
                    declaredInputs.Add(new InputDeclaration(inputName, shape, location));
                    break;
                }

                case AttributeNames.Dense when args.Int(0) is int size && args.Int(1) is int activation:
                {
                    (string layerName, string[] sources) = NameAndSources(args, "[Dense]", layers.Count + 1, name, location, diagnostics, previous, declaredInputs);
                    CheckActivation(activation, layerName, name, location, diagnostics);
                    layers.Add(new LayerDeclaration(layerName, LayerKind.Dense, size, (ActivationKind)activation, sources.ToEquatableArray(), location));
                    previous = layerName;
                    break;
                }

                case AttributeNames.Conv when args.Int(0) is int filters && args.Int(1) is int kernel && args.Int(2) is int activation:
                {
                    (string layerName, string[] sources) = NameAndSources(args, "[Conv]", layers.Count + 1, name, location, diagnostics, previous, declaredInputs);
                    CheckActivation(activation, layerName, name, location, diagnostics);
                    layers.Add(new LayerDeclaration(layerName, LayerKind.Conv, filters, (ActivationKind)activation, sources.ToEquatableArray(), location,
                        KernelHeight: args.NamedInt("KernelHeight") ?? kernel, KernelWidth: args.NamedInt("KernelWidth") ?? kernel,
                        Stride: args.NamedInt("Stride") ?? 1, Padding: args.NamedInt("Padding") ?? 0));
                    previous = layerName;
                    break;
                }

                case AttributeNames.MaxPool or AttributeNames.AvgPool when args.Int(0) is int window:
                {
                    LayerKind kind = attributeName == AttributeNames.MaxPool ? LayerKind.MaxPool : LayerKind.AvgPool;
                    (string layerName, string[] sources) = NameAndSources(args, "[" + kind + "]", layers.Count + 1, name, location, diagnostics, previous, declaredInputs);
                    layers.Add(new LayerDeclaration(layerName, kind, 0, ActivationKind.Identity, sources.ToEquatableArray(), location,
                        KernelHeight: window, KernelWidth: window, Stride: args.NamedInt("Stride") ?? window));
                    previous = layerName;
                    break;
                }

                case AttributeNames.GlobalAvgPool:
                {
                    (string layerName, string[] sources) = NameAndSources(args, "[GlobalAvgPool]", layers.Count + 1, name, location, diagnostics, previous, declaredInputs);
                    layers.Add(new LayerDeclaration(layerName, LayerKind.GlobalAvgPool, 0, ActivationKind.Identity, sources.ToEquatableArray(), location));
                    previous = layerName;
                    break;
                }

                case AttributeNames.Add when args.IsString(0) && args.StringArray(1) is AttributeArguments.Strings addends:
                {
                    string sumName = CheckName(args.String(0), "An [Add]", name, location, diagnostics);
                    string[] sources = CheckNames(addends.Values, $"A source of the sum '{sumName}'", name, location, diagnostics);
                    layers.Add(new LayerDeclaration(sumName, LayerKind.Add, 0, ActivationKind.Identity, sources.ToEquatableArray(), location));
                    previous = sumName;
                    break;
                }

                case AttributeNames.Output when args.IsString(0):
                {
                    string source = CheckName(args.String(0), "An [Output]", name, location, diagnostics);
                    int? lossValue = args.Count > 1 ? args.Int(1) : args.NamedInt("Loss");
                    LossKind? outputLoss = null;
                    if (lossValue is int value && System.Enum.IsDefined(typeof(LossKind), value)) outputLoss = (LossKind)value;
                    else if (lossValue is int undefined) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedLoss, location, name, undefined));
                    outputs.Add(new OutputDeclaration(source, outputLoss, args.NamedDouble("Weight") ?? 1.0, location));
                    break;
                }
            }
        }

        List<InputDeclaration> networkInputs;
        if (declaredInputs.Count == 0)
        {
            if (inputs <= 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputs, networkLocation, name,
                    "Inputs = " + NumberText.Int(inputs), "set Inputs to the number of input values, or declare [Input] attributes"));
            networkInputs = [new InputDeclaration(DefaultInputName, Shape.Vector(inputs), networkLocation)];
        }
        else
        {
            if (inputsGiven)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputsDeclaredTwice, networkLocation, name));
            networkInputs = declaredInputs;
        }
        if (outputs.Count == 0 && layers.Count > 0)
            outputs.Add(new OutputDeclaration(layers[layers.Count - 1].Name, loss, 1.0, networkLocation));
        else if (lossGiven)
        {
            // Network.Loss stands for outputs declared without a loss.
            for (int o = 0; o < outputs.Count; o++)
                if (outputs[o].Loss is null) outputs[o] = outputs[o] with { Loss = loss };
        }

        var members = type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.CanBeReferencedByName)
            .Select(m => new MemberDeclaration(m.Name, LocationInfo.From(m.Locations.FirstOrDefault()) ?? classLocation))
            .ToEquatableArray();

        var ns = new List<string>();
        for (INamespaceSymbol n = type.ContainingNamespace; !n.IsGlobalNamespace; n = n.ContainingNamespace) ns.Insert(0, n.Name);

        return new NetworkDeclaration(ns.ToEquatableArray(), name, precision, networkInputs.ToEquatableArray(), layers.ToEquatableArray(),
            outputs.ToEquatableArray(), members, networkLocation, classLocation, diagnostics.ToEquatableArray());
    }

    /// <summary>The name of the single input of <c>[Network(Inputs = n)]</c>, as NetworkSpec.DefaultInputName.</summary>
    public const string DefaultInputName = "input";

    /// <summary>The name a layer gets without Name: layer1, layer2, ... (its position among the [Dense] and [Add]s), as NetworkSpec.DefaultLayerName.</summary>
    public static string DefaultLayerName(int number) => "layer" + NumberText.Int(number);

    /// <summary>What is wrong with the class itself: NG0001, NG0012, NG0013, NG0015, NG0016, NG0029, NG0030.</summary>
    private static void CheckClass(INamedTypeSymbol type, TypeDeclarationSyntax declaration, LocationInfo? classLocation,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        string name = type.Name;
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax part && !part.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, LocationInfo.From(part.Identifier.GetLocation()), name));
                break;
            }
        }
        if (type.IsRecord)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, classLocation, name));
        if (type.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticClass, classLocation, name));
        if (type.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedClass, classLocation, name));
        if (type.TypeParameters.Length > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericClass, classLocation, name));
        if (type.IsFileLocal || declaration.Modifiers.Any(SyntaxKind.FileKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalClass, classLocation, name));

        // A base class that is a network (its generated members are not symbols here, so ask its attribute), or that has
        // an accessible member of a generated name: the generated member would hide it (CS0108).
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
        {
            string? hidden = baseType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network)
                ? GeneratedMembers.Forward
                : baseType.GetMembers().FirstOrDefault(m => m.DeclaredAccessibility != Accessibility.Private && GeneratedMembers.Accessible.Contains(m.Name))?.Name;
            if (hidden is null) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritedMemberConflict, classLocation, name, hidden, baseType.Name));
            break;
        }
    }

    /// <summary>A layer's name (Name, or layer{number}) and sources (From, or the layer before, or the only input).</summary>
    private static (string Name, string[] Sources) NameAndSources(AttributeArguments args, string attribute, int number, string network,
        LocationInfo? location, List<DiagnosticInfo> diagnostics, string? previous, List<InputDeclaration> declaredInputs)
    {
        string layerName = args.NamedString("Name") is string given
            ? CheckName(given, $"The {attribute} layer {NumberText.Int(number)}", network, location, diagnostics)
            : DefaultLayerName(number);
        string[] sources = args.NamedStringArray("From") is { IsNull: false } from
            ? CheckNames(from.Values, $"A source in From of '{layerName}'", network, location, diagnostics)
            : previous is null ? DefaultFirstSource(declaredInputs) : new[] { previous };
        return (layerName, sources);
    }

    private static void CheckActivation(int activation, string layer, string network, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (!System.Enum.IsDefined(typeof(ActivationKind), activation))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedActivation, location, layer, network, activation));
    }

    /// <summary>A declared name, or "" with NG0026 when it is null, empty or white space.</summary>
    private static string CheckName(string? value, string what, string network, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value!;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyName, location, what, network));
        return "";
    }

    private static string[] CheckNames(string?[] values, string what, string network, LocationInfo? location, List<DiagnosticInfo> diagnostics) =>
        values.Select(v => CheckName(v, what, network, location, diagnostics)).ToArray();

    /// <summary>The first layer without From reads the input when there is one; with several it must say which (NG0017).</summary>
    private static string[] DefaultFirstSource(List<InputDeclaration> declaredInputs) =>
        declaredInputs.Count switch
        {
            0 => new[] { DefaultInputName },
            1 => new[] { declaredInputs[0].Name },
            _ => System.Array.Empty<string>(),
        };
}
