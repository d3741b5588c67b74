// A small csc: compiles C# with Roslyn (Microsoft.CodeAnalysis.CSharp) against
// the assemblies of the .NET runtime it runs on. There is no .NET SDK, MSBuild
// or reference pack on our machines, so this stands where `csc` would.
//
//   dotnet Csc.dll -target:exe|library -out:FILE [-r:DLL]... [-doc:FILE]
//                  [-nowarn:CS1591,...] [-warnaserror] [-langversion:12]
//                  SOURCE_OR_FOLDER...
//
// Nullable reference types are on. Diagnostics print as csc prints them;
// the exit code is 1 when there is an error (with -warnaserror, any warning).
// An exe gets a runtimeconfig.json beside it, so `dotnet FILE.dll` runs it.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

public static class Csc
{
    public static int Main(string[] args)
    {
        try
        {
            return Compile(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine("csc: " + e.Message);
            return 2;
        }
    }

    sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }

    static int Compile(string[] args)
    {
        var kind = OutputKind.DynamicallyLinkedLibrary;
        string? output = null;
        string? doc = null;
        var warnAsError = false;
        var language = LanguageVersion.CSharp12;
        var references = new List<string>();
        var noWarn = new List<string>();
        var sources = new List<string>();
        foreach (var arg in args)
        {
            var (name, value) = Split(arg);
            switch (name)
            {
                case "-target":
                    kind = value switch
                    {
                        "exe" => OutputKind.ConsoleApplication,
                        "library" => OutputKind.DynamicallyLinkedLibrary,
                        _ => throw new UsageException($"unknown target '{value}'"),
                    };
                    break;
                case "-out": output = value; break;
                case "-doc": doc = value; break;
                case "-r": references.Add(value); break;
                case "-nowarn": noWarn.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case "-warnaserror": warnAsError = true; break;
                case "-langversion":
                    if (!LanguageVersionFacts.TryParse(value, out language))
                        throw new UsageException($"unknown language version '{value}'");
                    break;
                default:
                    if (arg.StartsWith('-')) throw new UsageException($"unknown option '{arg}'");
                    sources.AddRange(SourcesOf(arg));
                    break;
            }
        }
        if (output is null) throw new UsageException("-out:FILE is required");
        if (sources.Count == 0) throw new UsageException("no source files");

        // As csc: doc comments are checked only when their XML is written.
        var parse = new CSharpParseOptions(language, doc is null ? DocumentationMode.Parse : DocumentationMode.Diagnose);
        var trees = sources.Select(path =>
            CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path, System.Text.Encoding.UTF8));
        // As the .NET SDK does: a newer framework than an assembly was built against is fine.
        noWarn.AddRange(new[] { "CS1701", "CS1702" });
        var options = new CSharpCompilationOptions(
            kind,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: warnAsError ? ReportDiagnostic.Error : ReportDiagnostic.Default,
            specificDiagnosticOptions: noWarn.Select(id => KeyValuePair.Create(Normalize(id), ReportDiagnostic.Suppress)),
            optimizationLevel: OptimizationLevel.Release,
            deterministic: true);
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(output), trees,
            RuntimeReferences().Concat(references.Select(r => MetadataReference.CreateFromFile(r))),
            options);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using var peStream = new MemoryStream();
        using var docStream = new MemoryStream();
        var result = compilation.Emit(peStream, xmlDocumentationStream: doc is null ? null : docStream);
        var shown = result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start);
        foreach (var diagnostic in shown) Console.WriteLine(diagnostic.ToString());
        if (!result.Success) return 1;

        File.WriteAllBytes(output, peStream.ToArray());
        if (doc is not null) File.WriteAllBytes(doc, docStream.ToArray());
        if (kind == OutputKind.ConsoleApplication)
        {
            File.WriteAllText(Path.ChangeExtension(output, ".runtimeconfig.json"),
                "{\"runtimeOptions\":{\"tfm\":\"net8.0\",\"framework\":{\"name\":\"Microsoft.NETCore.App\",\"version\":\"8.0.0\"}}}\n");
        }
        return 0;
    }

    static (string Name, string Value) Split(string arg)
    {
        if (!arg.StartsWith('-')) return ("", arg);
        var colon = arg.IndexOf(':');
        return colon < 0 ? (arg, "") : (arg[..colon], arg[(colon + 1)..]);
    }

    static string Normalize(string id) =>
        id.StartsWith("CS", StringComparison.OrdinalIgnoreCase) ? id.ToUpperInvariant() : "CS" + id.PadLeft(4, '0');

    // A folder stands for every .cs file under it, in a stable order.
    static IEnumerable<string> SourcesOf(string path)
    {
        if (Directory.Exists(path))
            return Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal);
        if (File.Exists(path)) return new[] { path };
        throw new UsageException($"{path}: no such file or folder");
    }

    // The running runtime's own managed assemblies: no reference pack exists here.
    static IEnumerable<MetadataReference> RuntimeReferences()
    {
        var folder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var path in Directory.EnumerateFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
        {
            if (IsManaged(path)) yield return MetadataReference.CreateFromFile(path);
        }
    }

    static bool IsManaged(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        try
        {
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
