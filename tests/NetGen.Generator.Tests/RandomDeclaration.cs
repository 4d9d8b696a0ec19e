using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.Generator.Tests;

/// <summary>
/// A network declaration built at random for the property tests: sequential or branching, names drawn from a hostile
/// alphabet (XML and comment breakers, line separators, keywords, names of generated members and locals, names that meet
/// once sanitised, surrogates, right-to-left overrides), every activation, both losses and precisions, narrow and wide
/// layers, sums and concatenations — and, for the invalid cases, one mistake among those NetGen must report.
/// </summary>
internal sealed class RandomDeclaration
{
    /// <summary>Pieces of names: each is a valid C# string, most are hostile to one place a name can land in generated code.</summary>
    private static readonly string[] s_fragments =
    [
        "x", "x_0", "a-b", "a_b", "h", "class", "nameof", "var", "value", "this", "global", "gradient", "input", "target",
        "Forward", "ForwardCore", "Parameters", "_parameters", "Step", "y", "y2", "a0", "a1_0", "z1", "in1", "p", "s", "m", "cost",
        "work", "Target", "<", "&", "\"", "'", "\\", "\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\t", "*/", "/*", "///",
        "<!--", "]]>", " ", "é", "网络", "Ω", "😀", "\uD800", "\uDFFF", "\u202E", "\u200B", "\uFEFF", "\0", "0", "1e5", "{0}",
        "$\"", "@", "#if", "…", "ℝ", "ǅ",
    ];

    private static readonly string[] s_classNames = ["Net", "Réseau", "@class", "Net_1", "Ünïcode", "@event", "N2", "网络"];
    private static readonly string?[] s_namespaces = [null, "App", "A.B", "@namespace.x", "Ns.网络", "@event"];

    public string? Namespace { get; set; }
    public string ClassName { get; set; } = "Net";
    public bool IsDouble { get; set; }
    /// <summary>Written as [Network(Inputs = n, Loss = ...)] with [Dense]s only and no names, when set.</summary>
    public bool Sequential { get; set; }
    public int SequentialLoss { get; set; }
    public List<InputDecl> Inputs { get; } = [];
    public List<LayerDecl> Layers { get; } = [];
    public List<OutputDecl> Outputs { get; } = [];
    /// <summary>Also set Inputs = n on [Network] although [Input]s are declared (a mistake: NG0024).</summary>
    public bool InputsTwice { get; set; }

    /// <summary>The class's metadata name: namespace and class, without keyword escapes.</summary>
    public string MetadataName => (Namespace is null ? "" : Namespace.Replace("@", "") + ".") + ClassName.TrimStart('@');

    public sealed record InputDecl(string? Name, int Size);

    public sealed class LayerDecl
    {
        public bool IsAdd { get; set; }
        public string? Name { get; set; }
        public int Size { get; set; }
        public int Activation { get; set; }
        public List<string?> Sources { get; set; } = [];
    }

    public sealed record OutputDecl(string? Source, int Loss, string Weight);

    /// <summary>A valid declaration: every layer reaches an output, names are unique, Softmax only on unread outputs.</summary>
    public static RandomDeclaration Valid(Random random)
    {
        var d = new RandomDeclaration
        {
            Namespace = s_namespaces[random.Next(s_namespaces.Length)],
            ClassName = s_classNames[random.Next(s_classNames.Length)],
            IsDouble = random.Next(2) == 1,
        };
        if (random.Next(3) == 0)
        {
            // The sequential form of the lessons: one input, a chain of layers, the last one the output.
            d.Sequential = true;
            d.Inputs.Add(new InputDecl("input", random.Next(1, 6)));
            int depth = random.Next(1, 5);
            for (int l = 0; l < depth; l++)
            {
                bool last = l == depth - 1;
                int activation = last && random.Next(3) == 0 ? 6 : random.Next(6);
                d.Layers.Add(new LayerDecl { Name = "layer" + (l + 1), Size = Width(random), Activation = activation });
            }
            d.SequentialLoss = d.Layers[^1].Activation == 6 && random.Next(2) == 0 ? 1 : 0;
            return d;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        string NewName()
        {
            while (true)
            {
                string name = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => s_fragments[random.Next(s_fragments.Length)]));
                if (!string.IsNullOrWhiteSpace(name) && used.Add(name)) return name;
            }
        }

        var nodes = new List<(string Name, int Size, bool IsLayer)>();
        int inputs = random.Next(1, 4);
        for (int i = 0; i < inputs; i++)
        {
            var input = new InputDecl(NewName(), random.Next(1, 6));
            d.Inputs.Add(input);
            nodes.Add((input.Name!, input.Size, false));
        }
        var read = new HashSet<string>(StringComparer.Ordinal);
        int hidden = random.Next(0, 5);
        for (int l = 0; l < hidden; l++)
        {
            var sameSize = nodes.GroupBy(n => n.Size).Where(g => g.Count() >= 2).ToList();
            if (sameSize.Count > 0 && random.Next(4) == 0)
            {
                var group = sameSize[random.Next(sameSize.Count)].OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToList();
                var sum = new LayerDecl { IsAdd = true, Name = NewName(), Size = group[0].Size, Sources = group.Select(n => (string?)n.Name).ToList() };
                d.Layers.Add(sum);
                foreach (var n in group) read.Add(n.Name);
                nodes.Add((sum.Name!, sum.Size, true));
                continue;
            }
            var dense = new LayerDecl { Name = NewName(), Size = Width(random), Activation = random.Next(6), Sources = PickSources(random, nodes) };
            d.Layers.Add(dense);
            foreach (string? s in dense.Sources) read.Add(s!);
            nodes.Add((dense.Name!, dense.Size, true));
        }
        // The heads: the first also reads every layer nobody reads yet, so that every layer reaches an output (no NG0020).
        int heads = random.Next(1, 3);
        for (int h = 0; h < heads; h++)
        {
            List<string?> sources = PickSources(random, nodes);
            if (h == 0)
                foreach (var n in nodes.Where(n => n.IsLayer && !read.Contains(n.Name) && !sources.Contains(n.Name))) sources.Add(n.Name);
            bool softmax = random.Next(3) == 0;
            var head = new LayerDecl { Name = NewName(), Size = softmax ? random.Next(2, 5) : random.Next(1, 4), Activation = softmax ? 6 : random.Next(6), Sources = sources };
            d.Layers.Add(head);
            foreach (string? s in sources) read.Add(s!);
            string weight = new[] { "1.0", "0.5", "2.5", "1e-3", "1e3" }[random.Next(5)];
            d.Outputs.Add(new OutputDecl(head.Name, softmax && random.Next(2) == 0 ? 1 : 0, weight));
        }
        return d;
    }

    /// <summary>A declaration with one mistake NetGen must report as an error (and then generate nothing).</summary>
    public static RandomDeclaration Invalid(Random random, out string mistake)
    {
        while (true)
        {
            RandomDeclaration d = Valid(random);
            if (d.TryBreak(random, out mistake)) return d;
        }
    }

    private bool TryBreak(Random random, out string mistake)
    {
        mistake = "";
        int kind = random.Next(12);
        LayerDecl? dense = Layers.Where(l => !l.IsAdd).OrderBy(_ => random.Next()).FirstOrDefault();
        switch (kind)
        {
            case 0 when dense is not null:
                dense.Size = -random.Next(0, 3);
                mistake = "a layer of size ≤ 0";
                return true;
            case 1 when !Sequential && dense is not null:
                dense.Sources[random.Next(dense.Sources.Count)] = "no such node\u2028";
                mistake = "an unknown source";
                return true;
            case 2 when !Sequential && Layers.Count >= 1:
                Layers[^1].Name = Inputs[0].Name;
                Outputs[^1] = Outputs[^1] with { Source = Inputs[0].Name };
                mistake = "a name used twice";
                return true;
            case 3 when !Sequential:
                Outputs[0] = Outputs[0] with { Weight = new[] { "0", "-1", "double.NaN", "double.PositiveInfinity" }[random.Next(4)] };
                mistake = "an output weight that is not positive and finite";
                return true;
            case 4 when !Sequential && !IsDouble:
                Outputs[0] = Outputs[0] with { Weight = "1e40" };
                mistake = "an output weight beyond float's range";
                return true;
            case 5 when Layers.Count >= 2 && Layers.Take(Layers.Count - 1).Any(l => !l.IsAdd):
                Layers.Take(Layers.Count - 1).First(l => !l.IsAdd).Activation = 6;
                mistake = "Softmax on a layer that is read or not an output";
                return Sequential || Layers.Take(Layers.Count - 1).First(l => !l.IsAdd).Name is string n && Layers.Any(l => l.Sources.Contains(n))
                    || !Outputs.Any(o => o.Source == Layers.First(l => !l.IsAdd).Name);
            case 6:
                mistake = "cross-entropy without Softmax";
                if (Sequential)
                {
                    if (Layers[^1].Activation == 6) return false;
                    SequentialLoss = 1;
                }
                else
                {
                    OutputDecl output = Outputs[0];
                    if (Layers.First(l => l.Name == output.Source).Activation == 6) return false;
                    Outputs[0] = output with { Loss = 1 };
                }
                mistake = "cross-entropy without Softmax";
                return true;
            case 7 when !Sequential && dense is not null:
                dense.Sources.Add(null);
                mistake = "a null source in From";
                return true;
            case 8 when !Sequential:
                InputsTwice = true;
                mistake = "Inputs = n beside [Input] attributes";
                return true;
            case 9 when !Sequential && Layers.Count >= 2 && !Layers[0].IsAdd:
                Layers[0].Sources.Add(Layers[^1].Name);
                mistake = "a source declared later";
                return true;
            case 10 when dense is not null:
                dense.Activation = 99;
                mistake = "an undefined activation";
                return true;
            case 11 when !Sequential:
                Outputs[0] = Outputs[0] with { Source = Inputs[0].Name };
                mistake = "an output that names an input";
                return true;
        }
        mistake = "";
        return false;
    }

    private static int Width(Random random) => random.Next(5) == 0 ? random.Next(17, 24) : random.Next(1, 7);

    private static List<string?> PickSources(Random random, List<(string Name, int Size, bool IsLayer)> nodes)
    {
        var sources = new List<string?> { nodes[random.Next(nodes.Count)].Name };
        if (random.Next(3) == 0) sources.Add(nodes[random.Next(nodes.Count)].Name);   // may repeat: one node read at two columns
        return sources;
    }

    public string ToSource()
    {
        var s = new StringBuilder("using NetGen;\n");
        if (Namespace is not null) s.Append("namespace ").Append(Namespace).Append(";\n");
        string precision = IsDouble ? "Precision.Double" : "Precision.Single";
        if (Sequential)
        {
            s.Append(CultureInfo.InvariantCulture, $"[Network(Inputs = {Inputs[0].Size}, Loss = (Loss){SequentialLoss}, Precision = {precision})]\n");
            foreach (LayerDecl layer in Layers) s.Append(CultureInfo.InvariantCulture, $"[Dense({layer.Size}, (Activation){layer.Activation})]\n");
        }
        else
        {
            s.Append(InputsTwice ? $"[Network(Inputs = 3, Precision = {precision})]\n" : $"[Network(Precision = {precision})]\n");
            foreach (InputDecl input in Inputs) s.Append(CultureInfo.InvariantCulture, $"[Input({Literal(input.Name)}, {input.Size})]\n");
            foreach (LayerDecl layer in Layers)
            {
                string sources = string.Join(", ", layer.Sources.Select(Literal));
                s.Append(layer.IsAdd
                    ? $"[Add({Literal(layer.Name)}, {sources})]\n"
                    : string.Create(CultureInfo.InvariantCulture, $"[Dense({layer.Size}, (Activation){layer.Activation}, Name = {Literal(layer.Name)}, From = new string[] {{ {sources} }})]\n"));
            }
            foreach (OutputDecl output in Outputs)
                s.Append(CultureInfo.InvariantCulture, $"[Output({Literal(output.Source)}, (Loss){output.Loss}, Weight = {output.Weight})]\n");
        }
        s.Append("internal partial class ").Append(ClassName).Append(" { }\n");
        return s.ToString();
    }

    /// <summary>A string as a C# literal, written by the test itself (independently of the generator's escaping).</summary>
    private static string Literal(string? value)
    {
        if (value is null) return "null";
        var s = new StringBuilder("\"");
        foreach (char c in value)
            s.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        return s.Append('"').ToString();
    }

    public override string ToString() => ToSource();
}
