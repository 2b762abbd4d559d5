import { createRequire as __dfbCreateRequire } from 'node:module'; const require = __dfbCreateRequire(import.meta.url);
import {
  Buildx,
  Context,
  GitHub,
  Input,
  Output,
  RequestError,
  State,
  Util,
  __commonJS,
  __esm,
  __export,
  __require,
  __toCommonJS,
  __toESM,
  context,
  create,
  createBuildxCli,
  getBooleanInput,
  getExecOutput,
  getInput,
  getOctokit,
  group,
  info,
  isFeatureAvailable,
  notice,
  parse,
  prepareBuilder,
  restoreCache,
  saveCache,
  setFailed,
  setOutput,
  setSecret,
  stateStore,
  summary,
  warning
} from "./chunks/chunk-MEDFTQ6E.js";

// node_modules/dockerfile-ast/lib/argument.js
var require_argument = __commonJS({
  "node_modules/dockerfile-ast/lib/argument.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Argument = void 0;
    var Argument = class {
      constructor(value, range) {
        this.value = value;
        this.range = range;
      }
      toString() {
        return this.value;
      }
      getRange() {
        return this.range;
      }
      getValue() {
        return this.value;
      }
      isAfter(position) {
        if (this.range.end.line < position.line) {
          return false;
        }
        return this.range.start.line > position.line ? true : this.range.start.character > position.character;
      }
      isBefore(position) {
        if (this.range.start.line < position.line) {
          return true;
        }
        return this.range.end.line > position.line ? false : this.range.end.character < position.character;
      }
    };
    exports.Argument = Argument;
  }
});

// node_modules/dockerfile-ast/lib/jsonArgument.js
var require_jsonArgument = __commonJS({
  "node_modules/dockerfile-ast/lib/jsonArgument.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.JSONArgument = void 0;
    var argument_1 = require_argument();
    var JSONArgument = class extends argument_1.Argument {
      constructor(value, range, jsonRange) {
        super(value, range);
        this.jsonRange = jsonRange;
      }
      getJSONRange() {
        return this.jsonRange;
      }
      getJSONValue() {
        let value = super.getValue();
        value = value.substring(1, value.length - 1);
        return value;
      }
    };
    exports.JSONArgument = JSONArgument;
  }
});

// node_modules/vscode-languageserver-types/lib/esm/main.js
var main_exports = {};
__export(main_exports, {
  AnnotatedTextEdit: () => AnnotatedTextEdit,
  ApplyKind: () => ApplyKind,
  ChangeAnnotation: () => ChangeAnnotation,
  ChangeAnnotationIdentifier: () => ChangeAnnotationIdentifier,
  CodeAction: () => CodeAction,
  CodeActionContext: () => CodeActionContext,
  CodeActionKind: () => CodeActionKind,
  CodeActionTag: () => CodeActionTag,
  CodeActionTriggerKind: () => CodeActionTriggerKind,
  CodeDescription: () => CodeDescription,
  CodeLens: () => CodeLens,
  Color: () => Color,
  ColorInformation: () => ColorInformation,
  ColorPresentation: () => ColorPresentation,
  Command: () => Command,
  CompletionItem: () => CompletionItem,
  CompletionItemKind: () => CompletionItemKind,
  CompletionItemLabelDetails: () => CompletionItemLabelDetails,
  CompletionItemTag: () => CompletionItemTag,
  CompletionList: () => CompletionList,
  CreateFile: () => CreateFile,
  DeleteFile: () => DeleteFile,
  Diagnostic: () => Diagnostic,
  DiagnosticRelatedInformation: () => DiagnosticRelatedInformation,
  DiagnosticSeverity: () => DiagnosticSeverity,
  DiagnosticTag: () => DiagnosticTag,
  DocumentHighlight: () => DocumentHighlight,
  DocumentHighlightKind: () => DocumentHighlightKind,
  DocumentLink: () => DocumentLink,
  DocumentSymbol: () => DocumentSymbol,
  DocumentUri: () => DocumentUri,
  EOL: () => EOL,
  FoldingRange: () => FoldingRange,
  FoldingRangeKind: () => FoldingRangeKind,
  FormattingOptions: () => FormattingOptions,
  Hover: () => Hover,
  InlayHint: () => InlayHint,
  InlayHintKind: () => InlayHintKind,
  InlayHintLabelPart: () => InlayHintLabelPart,
  InlineCompletionContext: () => InlineCompletionContext,
  InlineCompletionItem: () => InlineCompletionItem,
  InlineCompletionList: () => InlineCompletionList,
  InlineCompletionTriggerKind: () => InlineCompletionTriggerKind,
  InlineValueContext: () => InlineValueContext,
  InlineValueEvaluatableExpression: () => InlineValueEvaluatableExpression,
  InlineValueText: () => InlineValueText,
  InlineValueVariableLookup: () => InlineValueVariableLookup,
  InsertReplaceEdit: () => InsertReplaceEdit,
  InsertTextFormat: () => InsertTextFormat,
  InsertTextMode: () => InsertTextMode,
  LanguageKind: () => LanguageKind,
  Location: () => Location,
  LocationLink: () => LocationLink,
  MarkedString: () => MarkedString,
  MarkupContent: () => MarkupContent,
  MarkupKind: () => MarkupKind,
  OptionalVersionedTextDocumentIdentifier: () => OptionalVersionedTextDocumentIdentifier,
  ParameterInformation: () => ParameterInformation,
  Position: () => Position,
  Range: () => Range,
  RenameFile: () => RenameFile,
  SelectedCompletionInfo: () => SelectedCompletionInfo,
  SelectionRange: () => SelectionRange,
  SemanticTokenModifiers: () => SemanticTokenModifiers,
  SemanticTokenTypes: () => SemanticTokenTypes,
  SemanticTokens: () => SemanticTokens,
  SignatureInformation: () => SignatureInformation,
  SnippetTextEdit: () => SnippetTextEdit,
  StringValue: () => StringValue,
  SymbolInformation: () => SymbolInformation,
  SymbolKind: () => SymbolKind,
  SymbolTag: () => SymbolTag,
  TextDocument: () => TextDocument,
  TextDocumentEdit: () => TextDocumentEdit,
  TextDocumentIdentifier: () => TextDocumentIdentifier,
  TextDocumentItem: () => TextDocumentItem,
  TextEdit: () => TextEdit,
  URI: () => URI,
  VersionedTextDocumentIdentifier: () => VersionedTextDocumentIdentifier,
  WorkspaceChange: () => WorkspaceChange,
  WorkspaceEdit: () => WorkspaceEdit,
  WorkspaceFolder: () => WorkspaceFolder,
  WorkspaceSymbol: () => WorkspaceSymbol,
  integer: () => integer,
  uinteger: () => uinteger
});
var DocumentUri, URI, integer, uinteger, Position, Range, Location, LocationLink, Color, ColorInformation, ColorPresentation, FoldingRangeKind, FoldingRange, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, CodeDescription, Diagnostic, Command, TextEdit, ChangeAnnotation, ChangeAnnotationIdentifier, AnnotatedTextEdit, TextDocumentEdit, CreateFile, RenameFile, DeleteFile, WorkspaceEdit, TextEditChangeImpl, SnippetTextEdit, ChangeAnnotations, WorkspaceChange, TextDocumentIdentifier, VersionedTextDocumentIdentifier, OptionalVersionedTextDocumentIdentifier, LanguageKind, TextDocumentItem, MarkupKind, MarkupContent, CompletionItemKind, InsertTextFormat, CompletionItemTag, InsertReplaceEdit, InsertTextMode, ApplyKind, CompletionItemLabelDetails, CompletionItem, CompletionList, MarkedString, Hover, ParameterInformation, SignatureInformation, DocumentHighlightKind, DocumentHighlight, SymbolKind, SymbolTag, SymbolInformation, WorkspaceSymbol, DocumentSymbol, CodeActionKind, CodeActionTriggerKind, CodeActionContext, CodeActionTag, CodeAction, CodeLens, FormattingOptions, DocumentLink, SelectionRange, SemanticTokenTypes, SemanticTokenModifiers, SemanticTokens, InlineValueText, InlineValueVariableLookup, InlineValueEvaluatableExpression, InlineValueContext, InlayHintKind, InlayHintLabelPart, InlayHint, StringValue, InlineCompletionItem, InlineCompletionList, InlineCompletionTriggerKind, SelectedCompletionInfo, InlineCompletionContext, WorkspaceFolder, EOL, TextDocument, FullTextDocument, Is;
var init_main = __esm({
  "node_modules/vscode-languageserver-types/lib/esm/main.js"() {
    "use strict";
    (function(DocumentUri2) {
      function is(value) {
        return typeof value === "string";
      }
      DocumentUri2.is = is;
    })(DocumentUri || (DocumentUri = {}));
    (function(URI2) {
      function is(value) {
        return typeof value === "string";
      }
      URI2.is = is;
    })(URI || (URI = {}));
    (function(integer2) {
      integer2.MIN_VALUE = -2147483648;
      integer2.MAX_VALUE = 2147483647;
      function is(value) {
        return typeof value === "number" && integer2.MIN_VALUE <= value && value <= integer2.MAX_VALUE;
      }
      integer2.is = is;
    })(integer || (integer = {}));
    (function(uinteger2) {
      uinteger2.MIN_VALUE = 0;
      uinteger2.MAX_VALUE = 2147483647;
      function is(value) {
        return typeof value === "number" && uinteger2.MIN_VALUE <= value && value <= uinteger2.MAX_VALUE;
      }
      uinteger2.is = is;
    })(uinteger || (uinteger = {}));
    (function(Position2) {
      function create2(line, character) {
        if (line === Number.MAX_VALUE) {
          line = uinteger.MAX_VALUE;
        }
        if (character === Number.MAX_VALUE) {
          character = uinteger.MAX_VALUE;
        }
        return { line, character };
      }
      Position2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Is.uinteger(candidate.line) && Is.uinteger(candidate.character);
      }
      Position2.is = is;
    })(Position || (Position = {}));
    (function(Range2) {
      function create2(one, two, three, four) {
        if (Is.uinteger(one) && Is.uinteger(two) && Is.uinteger(three) && Is.uinteger(four)) {
          return { start: Position.create(one, two), end: Position.create(three, four) };
        } else if (Position.is(one) && Position.is(two)) {
          return { start: one, end: two };
        } else {
          throw new Error(`Range#create called with invalid arguments[${one}, ${two}, ${three}, ${four}]`);
        }
      }
      Range2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Position.is(candidate.start) && Position.is(candidate.end);
      }
      Range2.is = is;
    })(Range || (Range = {}));
    (function(Location2) {
      function create2(uri, range) {
        return { uri, range };
      }
      Location2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Range.is(candidate.range) && (Is.string(candidate.uri) || Is.undefined(candidate.uri));
      }
      Location2.is = is;
    })(Location || (Location = {}));
    (function(LocationLink2) {
      function create2(targetUri, targetRange, targetSelectionRange, originSelectionRange) {
        return { targetUri, targetRange, targetSelectionRange, originSelectionRange };
      }
      LocationLink2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Range.is(candidate.targetRange) && Is.string(candidate.targetUri) && Range.is(candidate.targetSelectionRange) && (Range.is(candidate.originSelectionRange) || Is.undefined(candidate.originSelectionRange));
      }
      LocationLink2.is = is;
    })(LocationLink || (LocationLink = {}));
    (function(Color2) {
      function create2(red, green, blue, alpha) {
        return {
          red,
          green,
          blue,
          alpha
        };
      }
      Color2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Is.numberRange(candidate.red, 0, 1) && Is.numberRange(candidate.green, 0, 1) && Is.numberRange(candidate.blue, 0, 1) && Is.numberRange(candidate.alpha, 0, 1);
      }
      Color2.is = is;
    })(Color || (Color = {}));
    (function(ColorInformation2) {
      function create2(range, color) {
        return {
          range,
          color
        };
      }
      ColorInformation2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Range.is(candidate.range) && Color.is(candidate.color);
      }
      ColorInformation2.is = is;
    })(ColorInformation || (ColorInformation = {}));
    (function(ColorPresentation2) {
      function create2(label, textEdit, additionalTextEdits) {
        return {
          label,
          textEdit,
          additionalTextEdits
        };
      }
      ColorPresentation2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Is.string(candidate.label) && (Is.undefined(candidate.textEdit) || TextEdit.is(candidate.textEdit)) && (Is.undefined(candidate.additionalTextEdits) || Is.typedArray(candidate.additionalTextEdits, TextEdit.is));
      }
      ColorPresentation2.is = is;
    })(ColorPresentation || (ColorPresentation = {}));
    (function(FoldingRangeKind2) {
      FoldingRangeKind2.Comment = "comment";
      FoldingRangeKind2.Imports = "imports";
      FoldingRangeKind2.Region = "region";
    })(FoldingRangeKind || (FoldingRangeKind = {}));
    (function(FoldingRange2) {
      function create2(startLine, endLine, startCharacter, endCharacter, kind, collapsedText) {
        const result = {
          startLine,
          endLine
        };
        if (Is.defined(startCharacter)) {
          result.startCharacter = startCharacter;
        }
        if (Is.defined(endCharacter)) {
          result.endCharacter = endCharacter;
        }
        if (Is.defined(kind)) {
          result.kind = kind;
        }
        if (Is.defined(collapsedText)) {
          result.collapsedText = collapsedText;
        }
        return result;
      }
      FoldingRange2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Is.uinteger(candidate.startLine) && Is.uinteger(candidate.endLine) && (Is.undefined(candidate.startCharacter) || Is.uinteger(candidate.startCharacter)) && (Is.undefined(candidate.endCharacter) || Is.uinteger(candidate.endCharacter)) && (Is.undefined(candidate.kind) || Is.string(candidate.kind));
      }
      FoldingRange2.is = is;
    })(FoldingRange || (FoldingRange = {}));
    (function(DiagnosticRelatedInformation2) {
      function create2(location, message2) {
        return {
          location,
          message: message2
        };
      }
      DiagnosticRelatedInformation2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Location.is(candidate.location) && Is.string(candidate.message);
      }
      DiagnosticRelatedInformation2.is = is;
    })(DiagnosticRelatedInformation || (DiagnosticRelatedInformation = {}));
    (function(DiagnosticSeverity2) {
      DiagnosticSeverity2.Error = 1;
      DiagnosticSeverity2.Warning = 2;
      DiagnosticSeverity2.Information = 3;
      DiagnosticSeverity2.Hint = 4;
    })(DiagnosticSeverity || (DiagnosticSeverity = {}));
    (function(DiagnosticTag2) {
      DiagnosticTag2.Unnecessary = 1;
      DiagnosticTag2.Deprecated = 2;
    })(DiagnosticTag || (DiagnosticTag = {}));
    (function(CodeDescription2) {
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Is.string(candidate.href);
      }
      CodeDescription2.is = is;
    })(CodeDescription || (CodeDescription = {}));
    (function(Diagnostic2) {
      function create2(range, message2, severity, code2, source, relatedInformation) {
        const result = { range, message: message2 };
        if (Is.defined(severity)) {
          result.severity = severity;
        }
        if (Is.defined(code2)) {
          result.code = code2;
        }
        if (Is.defined(source)) {
          result.source = source;
        }
        if (Is.defined(relatedInformation)) {
          result.relatedInformation = relatedInformation;
        }
        return result;
      }
      Diagnostic2.create = create2;
      function is(value) {
        var _a;
        const candidate = value;
        return Is.defined(candidate) && Range.is(candidate.range) && (Is.string(candidate.message) || MarkupContent.is(candidate.message)) && (Is.number(candidate.severity) || Is.undefined(candidate.severity)) && (Is.integer(candidate.code) || Is.string(candidate.code) || Is.undefined(candidate.code)) && (Is.undefined(candidate.codeDescription) || Is.string((_a = candidate.codeDescription) === null || _a === void 0 ? void 0 : _a.href)) && (Is.string(candidate.source) || Is.undefined(candidate.source)) && (Is.undefined(candidate.relatedInformation) || Is.typedArray(candidate.relatedInformation, DiagnosticRelatedInformation.is));
      }
      Diagnostic2.is = is;
      function is3_17(value) {
        return Is.string(value.message);
      }
      Diagnostic2.is3_17 = is3_17;
      function getMessageString(diagnostic) {
        if (Is.string(diagnostic.message)) {
          return diagnostic.message;
        } else if (MarkupContent.is(diagnostic.message)) {
          return diagnostic.message.value;
        } else {
          throw new Error(`Unknown message type ${typeof diagnostic.message}`);
        }
      }
      Diagnostic2.getMessageString = getMessageString;
    })(Diagnostic || (Diagnostic = {}));
    (function(Command2) {
      function create2(title, command, ...args) {
        const result = { title, command };
        if (Is.defined(args) && args.length > 0) {
          result.arguments = args;
        }
        return result;
      }
      Command2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Is.string(candidate.title) && (candidate.tooltip === void 0 || Is.string(candidate.tooltip)) && Is.string(candidate.command);
      }
      Command2.is = is;
    })(Command || (Command = {}));
    (function(TextEdit2) {
      function replace(range, newText) {
        return { range, newText };
      }
      TextEdit2.replace = replace;
      function insert(position, newText) {
        return { range: { start: position, end: position }, newText };
      }
      TextEdit2.insert = insert;
      function del(range) {
        return { range, newText: "" };
      }
      TextEdit2.del = del;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Is.string(candidate.newText) && Range.is(candidate.range);
      }
      TextEdit2.is = is;
    })(TextEdit || (TextEdit = {}));
    (function(ChangeAnnotation2) {
      function create2(label, needsConfirmation, description) {
        const result = { label };
        if (needsConfirmation !== void 0) {
          result.needsConfirmation = needsConfirmation;
        }
        if (description !== void 0) {
          result.description = description;
        }
        return result;
      }
      ChangeAnnotation2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Is.string(candidate.label) && (Is.boolean(candidate.needsConfirmation) || candidate.needsConfirmation === void 0) && (Is.string(candidate.description) || candidate.description === void 0);
      }
      ChangeAnnotation2.is = is;
    })(ChangeAnnotation || (ChangeAnnotation = {}));
    (function(ChangeAnnotationIdentifier2) {
      function is(value) {
        const candidate = value;
        return Is.string(candidate);
      }
      ChangeAnnotationIdentifier2.is = is;
    })(ChangeAnnotationIdentifier || (ChangeAnnotationIdentifier = {}));
    (function(AnnotatedTextEdit2) {
      function replace(range, newText, annotation) {
        return { range, newText, annotationId: annotation };
      }
      AnnotatedTextEdit2.replace = replace;
      function insert(position, newText, annotation) {
        return { range: { start: position, end: position }, newText, annotationId: annotation };
      }
      AnnotatedTextEdit2.insert = insert;
      function del(range, annotation) {
        return { range, newText: "", annotationId: annotation };
      }
      AnnotatedTextEdit2.del = del;
      function is(value) {
        const candidate = value;
        return TextEdit.is(candidate) && (ChangeAnnotation.is(candidate.annotationId) || ChangeAnnotationIdentifier.is(candidate.annotationId));
      }
      AnnotatedTextEdit2.is = is;
    })(AnnotatedTextEdit || (AnnotatedTextEdit = {}));
    (function(TextDocumentEdit2) {
      function create2(textDocument, edits) {
        return { textDocument, edits };
      }
      TextDocumentEdit2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && OptionalVersionedTextDocumentIdentifier.is(candidate.textDocument) && Array.isArray(candidate.edits);
      }
      TextDocumentEdit2.is = is;
    })(TextDocumentEdit || (TextDocumentEdit = {}));
    (function(CreateFile2) {
      function create2(uri, options, annotation) {
        const result = {
          kind: "create",
          uri
        };
        if (options !== void 0 && (options.overwrite !== void 0 || options.ignoreIfExists !== void 0)) {
          result.options = options;
        }
        if (annotation !== void 0) {
          result.annotationId = annotation;
        }
        return result;
      }
      CreateFile2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate && candidate.kind === "create" && Is.string(candidate.uri) && (candidate.options === void 0 || (candidate.options.overwrite === void 0 || Is.boolean(candidate.options.overwrite)) && (candidate.options.ignoreIfExists === void 0 || Is.boolean(candidate.options.ignoreIfExists))) && (candidate.annotationId === void 0 || ChangeAnnotationIdentifier.is(candidate.annotationId));
      }
      CreateFile2.is = is;
    })(CreateFile || (CreateFile = {}));
    (function(RenameFile2) {
      function create2(oldUri, newUri, options, annotation) {
        const result = {
          kind: "rename",
          oldUri,
          newUri
        };
        if (options !== void 0 && (options.overwrite !== void 0 || options.ignoreIfExists !== void 0)) {
          result.options = options;
        }
        if (annotation !== void 0) {
          result.annotationId = annotation;
        }
        return result;
      }
      RenameFile2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate && candidate.kind === "rename" && Is.string(candidate.oldUri) && Is.string(candidate.newUri) && (candidate.options === void 0 || (candidate.options.overwrite === void 0 || Is.boolean(candidate.options.overwrite)) && (candidate.options.ignoreIfExists === void 0 || Is.boolean(candidate.options.ignoreIfExists))) && (candidate.annotationId === void 0 || ChangeAnnotationIdentifier.is(candidate.annotationId));
      }
      RenameFile2.is = is;
    })(RenameFile || (RenameFile = {}));
    (function(DeleteFile2) {
      function create2(uri, options, annotation) {
        const result = {
          kind: "delete",
          uri
        };
        if (options !== void 0 && (options.recursive !== void 0 || options.ignoreIfNotExists !== void 0)) {
          result.options = options;
        }
        if (annotation !== void 0) {
          result.annotationId = annotation;
        }
        return result;
      }
      DeleteFile2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate && candidate.kind === "delete" && Is.string(candidate.uri) && (candidate.options === void 0 || (candidate.options.recursive === void 0 || Is.boolean(candidate.options.recursive)) && (candidate.options.ignoreIfNotExists === void 0 || Is.boolean(candidate.options.ignoreIfNotExists))) && (candidate.annotationId === void 0 || ChangeAnnotationIdentifier.is(candidate.annotationId));
      }
      DeleteFile2.is = is;
    })(DeleteFile || (DeleteFile = {}));
    (function(WorkspaceEdit2) {
      function is(value) {
        const candidate = value;
        return candidate && (candidate.changes !== void 0 || candidate.documentChanges !== void 0) && (candidate.documentChanges === void 0 || candidate.documentChanges.every((change) => {
          if (Is.string(change.kind)) {
            return CreateFile.is(change) || RenameFile.is(change) || DeleteFile.is(change);
          } else {
            return TextDocumentEdit.is(change);
          }
        }));
      }
      WorkspaceEdit2.is = is;
    })(WorkspaceEdit || (WorkspaceEdit = {}));
    TextEditChangeImpl = class {
      constructor(edits, changeAnnotations) {
        this.edits = edits;
        this.changeAnnotations = changeAnnotations;
      }
      insert(position, newText, annotation) {
        let edit;
        let id;
        if (annotation === void 0) {
          edit = TextEdit.insert(position, newText);
        } else if (ChangeAnnotationIdentifier.is(annotation)) {
          id = annotation;
          edit = AnnotatedTextEdit.insert(position, newText, annotation);
        } else {
          this.assertChangeAnnotations(this.changeAnnotations);
          id = this.changeAnnotations.manage(annotation);
          edit = AnnotatedTextEdit.insert(position, newText, id);
        }
        this.edits.push(edit);
        if (id !== void 0) {
          return id;
        }
      }
      replace(range, newText, annotation) {
        let edit;
        let id;
        if (annotation === void 0) {
          edit = TextEdit.replace(range, newText);
        } else if (ChangeAnnotationIdentifier.is(annotation)) {
          id = annotation;
          edit = AnnotatedTextEdit.replace(range, newText, annotation);
        } else {
          this.assertChangeAnnotations(this.changeAnnotations);
          id = this.changeAnnotations.manage(annotation);
          edit = AnnotatedTextEdit.replace(range, newText, id);
        }
        this.edits.push(edit);
        if (id !== void 0) {
          return id;
        }
      }
      delete(range, annotation) {
        let edit;
        let id;
        if (annotation === void 0) {
          edit = TextEdit.del(range);
        } else if (ChangeAnnotationIdentifier.is(annotation)) {
          id = annotation;
          edit = AnnotatedTextEdit.del(range, annotation);
        } else {
          this.assertChangeAnnotations(this.changeAnnotations);
          id = this.changeAnnotations.manage(annotation);
          edit = AnnotatedTextEdit.del(range, id);
        }
        this.edits.push(edit);
        if (id !== void 0) {
          return id;
        }
      }
      add(edit) {
        this.edits.push(edit);
      }
      all() {
        return this.edits;
      }
      clear() {
        this.edits.splice(0, this.edits.length);
      }
      assertChangeAnnotations(value) {
        if (value === void 0) {
          throw new Error(`Text edit change is not configured to manage change annotations.`);
        }
      }
    };
    (function(SnippetTextEdit2) {
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Range.is(candidate.range) && StringValue.isSnippet(candidate.snippet) && (candidate.annotationId === void 0 || (ChangeAnnotation.is(candidate.annotationId) || ChangeAnnotationIdentifier.is(candidate.annotationId)));
      }
      SnippetTextEdit2.is = is;
    })(SnippetTextEdit || (SnippetTextEdit = {}));
    ChangeAnnotations = class {
      constructor(annotations) {
        this._annotations = annotations === void 0 ? /* @__PURE__ */ Object.create(null) : annotations;
        this._counter = 0;
        this._size = 0;
      }
      all() {
        return this._annotations;
      }
      get size() {
        return this._size;
      }
      manage(idOrAnnotation, annotation) {
        let id;
        if (ChangeAnnotationIdentifier.is(idOrAnnotation)) {
          id = idOrAnnotation;
        } else {
          id = this.nextId();
          annotation = idOrAnnotation;
        }
        if (this._annotations[id] !== void 0) {
          throw new Error(`Id ${id} is already in use.`);
        }
        if (annotation === void 0) {
          throw new Error(`No annotation provided for id ${id}`);
        }
        this._annotations[id] = annotation;
        this._size++;
        return id;
      }
      nextId() {
        this._counter++;
        return this._counter.toString();
      }
    };
    WorkspaceChange = class {
      constructor(workspaceEdit) {
        this._textEditChanges = /* @__PURE__ */ Object.create(null);
        if (workspaceEdit !== void 0) {
          this._workspaceEdit = workspaceEdit;
          if (workspaceEdit.documentChanges) {
            this._changeAnnotations = new ChangeAnnotations(workspaceEdit.changeAnnotations);
            workspaceEdit.changeAnnotations = this._changeAnnotations.all();
            workspaceEdit.documentChanges.forEach((change) => {
              if (TextDocumentEdit.is(change)) {
                const textEditChange = new TextEditChangeImpl(change.edits, this._changeAnnotations);
                this._textEditChanges[change.textDocument.uri] = textEditChange;
              }
            });
          } else if (workspaceEdit.changes) {
            Object.keys(workspaceEdit.changes).forEach((key) => {
              const textEditChange = new TextEditChangeImpl(workspaceEdit.changes[key]);
              this._textEditChanges[key] = textEditChange;
            });
          }
        } else {
          this._workspaceEdit = {};
        }
      }
      /**
       * Returns the underlying {@link WorkspaceEdit} literal
       * use to be returned from a workspace edit operation like rename.
       */
      get edit() {
        this.initDocumentChanges();
        if (this._changeAnnotations !== void 0) {
          if (this._changeAnnotations.size === 0) {
            this._workspaceEdit.changeAnnotations = void 0;
          } else {
            this._workspaceEdit.changeAnnotations = this._changeAnnotations.all();
          }
        }
        return this._workspaceEdit;
      }
      getTextEditChange(key) {
        if (OptionalVersionedTextDocumentIdentifier.is(key)) {
          this.initDocumentChanges();
          if (this._workspaceEdit.documentChanges === void 0) {
            throw new Error("Workspace edit is not configured for document changes.");
          }
          const textDocument = { uri: key.uri, version: key.version };
          let result = this._textEditChanges[textDocument.uri];
          if (!result) {
            const edits = [];
            const textDocumentEdit = {
              textDocument,
              edits
            };
            this._workspaceEdit.documentChanges.push(textDocumentEdit);
            result = new TextEditChangeImpl(edits, this._changeAnnotations);
            this._textEditChanges[textDocument.uri] = result;
          }
          return result;
        } else {
          this.initChanges();
          if (this._workspaceEdit.changes === void 0) {
            throw new Error("Workspace edit is not configured for normal text edit changes.");
          }
          let result = this._textEditChanges[key];
          if (!result) {
            const edits = [];
            this._workspaceEdit.changes[key] = edits;
            result = new TextEditChangeImpl(edits);
            this._textEditChanges[key] = result;
          }
          return result;
        }
      }
      initDocumentChanges() {
        if (this._workspaceEdit.documentChanges === void 0 && this._workspaceEdit.changes === void 0) {
          this._changeAnnotations = new ChangeAnnotations();
          this._workspaceEdit.documentChanges = [];
          this._workspaceEdit.changeAnnotations = this._changeAnnotations.all();
        }
      }
      initChanges() {
        if (this._workspaceEdit.documentChanges === void 0 && this._workspaceEdit.changes === void 0) {
          this._workspaceEdit.changes = /* @__PURE__ */ Object.create(null);
        }
      }
      createFile(uri, optionsOrAnnotation, options) {
        this.initDocumentChanges();
        if (this._workspaceEdit.documentChanges === void 0) {
          throw new Error("Workspace edit is not configured for document changes.");
        }
        let annotation;
        if (ChangeAnnotation.is(optionsOrAnnotation) || ChangeAnnotationIdentifier.is(optionsOrAnnotation)) {
          annotation = optionsOrAnnotation;
        } else {
          options = optionsOrAnnotation;
        }
        let operation;
        let id;
        if (annotation === void 0) {
          operation = CreateFile.create(uri, options);
        } else {
          id = ChangeAnnotationIdentifier.is(annotation) ? annotation : this._changeAnnotations.manage(annotation);
          operation = CreateFile.create(uri, options, id);
        }
        this._workspaceEdit.documentChanges.push(operation);
        if (id !== void 0) {
          return id;
        }
      }
      renameFile(oldUri, newUri, optionsOrAnnotation, options) {
        this.initDocumentChanges();
        if (this._workspaceEdit.documentChanges === void 0) {
          throw new Error("Workspace edit is not configured for document changes.");
        }
        let annotation;
        if (ChangeAnnotation.is(optionsOrAnnotation) || ChangeAnnotationIdentifier.is(optionsOrAnnotation)) {
          annotation = optionsOrAnnotation;
        } else {
          options = optionsOrAnnotation;
        }
        let operation;
        let id;
        if (annotation === void 0) {
          operation = RenameFile.create(oldUri, newUri, options);
        } else {
          id = ChangeAnnotationIdentifier.is(annotation) ? annotation : this._changeAnnotations.manage(annotation);
          operation = RenameFile.create(oldUri, newUri, options, id);
        }
        this._workspaceEdit.documentChanges.push(operation);
        if (id !== void 0) {
          return id;
        }
      }
      deleteFile(uri, optionsOrAnnotation, options) {
        this.initDocumentChanges();
        if (this._workspaceEdit.documentChanges === void 0) {
          throw new Error("Workspace edit is not configured for document changes.");
        }
        let annotation;
        if (ChangeAnnotation.is(optionsOrAnnotation) || ChangeAnnotationIdentifier.is(optionsOrAnnotation)) {
          annotation = optionsOrAnnotation;
        } else {
          options = optionsOrAnnotation;
        }
        let operation;
        let id;
        if (annotation === void 0) {
          operation = DeleteFile.create(uri, options);
        } else {
          id = ChangeAnnotationIdentifier.is(annotation) ? annotation : this._changeAnnotations.manage(annotation);
          operation = DeleteFile.create(uri, options, id);
        }
        this._workspaceEdit.documentChanges.push(operation);
        if (id !== void 0) {
          return id;
        }
      }
    };
    (function(TextDocumentIdentifier2) {
      function create2(uri) {
        return { uri };
      }
      TextDocumentIdentifier2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Is.string(candidate.uri);
      }
      TextDocumentIdentifier2.is = is;
    })(TextDocumentIdentifier || (TextDocumentIdentifier = {}));
    (function(VersionedTextDocumentIdentifier2) {
      function create2(uri, version) {
        return { uri, version };
      }
      VersionedTextDocumentIdentifier2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Is.string(candidate.uri) && Is.integer(candidate.version);
      }
      VersionedTextDocumentIdentifier2.is = is;
    })(VersionedTextDocumentIdentifier || (VersionedTextDocumentIdentifier = {}));
    (function(OptionalVersionedTextDocumentIdentifier2) {
      function create2(uri, version) {
        return { uri, version };
      }
      OptionalVersionedTextDocumentIdentifier2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Is.string(candidate.uri) && (candidate.version === null || Is.integer(candidate.version));
      }
      OptionalVersionedTextDocumentIdentifier2.is = is;
    })(OptionalVersionedTextDocumentIdentifier || (OptionalVersionedTextDocumentIdentifier = {}));
    (function(LanguageKind2) {
      LanguageKind2.ABAP = "abap";
      LanguageKind2.WindowsBat = "bat";
      LanguageKind2.BibTeX = "bibtex";
      LanguageKind2.Clojure = "clojure";
      LanguageKind2.Coffeescript = "coffeescript";
      LanguageKind2.C = "c";
      LanguageKind2.CPP = "cpp";
      LanguageKind2.CSharp = "csharp";
      LanguageKind2.CSS = "css";
      LanguageKind2.D = "d";
      LanguageKind2.Delphi = "pascal";
      LanguageKind2.Diff = "diff";
      LanguageKind2.Dart = "dart";
      LanguageKind2.Dockerfile = "dockerfile";
      LanguageKind2.Elixir = "elixir";
      LanguageKind2.Erlang = "erlang";
      LanguageKind2.FSharp = "fsharp";
      LanguageKind2.GitCommit = "git-commit";
      LanguageKind2.GitRebase = "git-rebase";
      LanguageKind2.Go = "go";
      LanguageKind2.Groovy = "groovy";
      LanguageKind2.Handlebars = "handlebars";
      LanguageKind2.Haskell = "haskell";
      LanguageKind2.HTML = "html";
      LanguageKind2.Ini = "ini";
      LanguageKind2.Java = "java";
      LanguageKind2.JavaScript = "javascript";
      LanguageKind2.JavaScriptReact = "javascriptreact";
      LanguageKind2.JSON = "json";
      LanguageKind2.LaTeX = "latex";
      LanguageKind2.Less = "less";
      LanguageKind2.Lua = "lua";
      LanguageKind2.Makefile = "makefile";
      LanguageKind2.Markdown = "markdown";
      LanguageKind2.ObjectiveC = "objective-c";
      LanguageKind2.ObjectiveCPP = "objective-cpp";
      LanguageKind2.Pascal = "pascal";
      LanguageKind2.Perl = "perl";
      LanguageKind2.Perl6 = "perl6";
      LanguageKind2.PHP = "php";
      LanguageKind2.Plaintext = "plaintext";
      LanguageKind2.Powershell = "powershell";
      LanguageKind2.Pug = "jade";
      LanguageKind2.Python = "python";
      LanguageKind2.R = "r";
      LanguageKind2.Razor = "razor";
      LanguageKind2.Ruby = "ruby";
      LanguageKind2.Rust = "rust";
      LanguageKind2.SCSS = "scss";
      LanguageKind2.SASS = "sass";
      LanguageKind2.Scala = "scala";
      LanguageKind2.ShaderLab = "shaderlab";
      LanguageKind2.ShellScript = "shellscript";
      LanguageKind2.SQL = "sql";
      LanguageKind2.Swift = "swift";
      LanguageKind2.TypeScript = "typescript";
      LanguageKind2.TypeScriptReact = "typescriptreact";
      LanguageKind2.TeX = "tex";
      LanguageKind2.VisualBasic = "vb";
      LanguageKind2.XML = "xml";
      LanguageKind2.XSL = "xsl";
      LanguageKind2.YAML = "yaml";
    })(LanguageKind || (LanguageKind = {}));
    (function(TextDocumentItem2) {
      function create2(uri, languageId, version, text) {
        return { uri, languageId, version, text };
      }
      TextDocumentItem2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Is.string(candidate.uri) && Is.string(candidate.languageId) && Is.integer(candidate.version) && Is.string(candidate.text);
      }
      TextDocumentItem2.is = is;
    })(TextDocumentItem || (TextDocumentItem = {}));
    (function(MarkupKind2) {
      MarkupKind2.PlainText = "plaintext";
      MarkupKind2.Markdown = "markdown";
      function is(value) {
        const candidate = value;
        return candidate === MarkupKind2.PlainText || candidate === MarkupKind2.Markdown;
      }
      MarkupKind2.is = is;
    })(MarkupKind || (MarkupKind = {}));
    (function(MarkupContent2) {
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(value) && MarkupKind.is(candidate.kind) && Is.string(candidate.value);
      }
      MarkupContent2.is = is;
    })(MarkupContent || (MarkupContent = {}));
    (function(CompletionItemKind2) {
      CompletionItemKind2.Text = 1;
      CompletionItemKind2.Method = 2;
      CompletionItemKind2.Function = 3;
      CompletionItemKind2.Constructor = 4;
      CompletionItemKind2.Field = 5;
      CompletionItemKind2.Variable = 6;
      CompletionItemKind2.Class = 7;
      CompletionItemKind2.Interface = 8;
      CompletionItemKind2.Module = 9;
      CompletionItemKind2.Property = 10;
      CompletionItemKind2.Unit = 11;
      CompletionItemKind2.Value = 12;
      CompletionItemKind2.Enum = 13;
      CompletionItemKind2.Keyword = 14;
      CompletionItemKind2.Snippet = 15;
      CompletionItemKind2.Color = 16;
      CompletionItemKind2.File = 17;
      CompletionItemKind2.Reference = 18;
      CompletionItemKind2.Folder = 19;
      CompletionItemKind2.EnumMember = 20;
      CompletionItemKind2.Constant = 21;
      CompletionItemKind2.Struct = 22;
      CompletionItemKind2.Event = 23;
      CompletionItemKind2.Operator = 24;
      CompletionItemKind2.TypeParameter = 25;
    })(CompletionItemKind || (CompletionItemKind = {}));
    (function(InsertTextFormat2) {
      InsertTextFormat2.PlainText = 1;
      InsertTextFormat2.Snippet = 2;
    })(InsertTextFormat || (InsertTextFormat = {}));
    (function(CompletionItemTag2) {
      CompletionItemTag2.Deprecated = 1;
    })(CompletionItemTag || (CompletionItemTag = {}));
    (function(InsertReplaceEdit2) {
      function create2(newText, insert, replace) {
        return { newText, insert, replace };
      }
      InsertReplaceEdit2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate && Is.string(candidate.newText) && Range.is(candidate.insert) && Range.is(candidate.replace);
      }
      InsertReplaceEdit2.is = is;
    })(InsertReplaceEdit || (InsertReplaceEdit = {}));
    (function(InsertTextMode2) {
      InsertTextMode2.asIs = 1;
      InsertTextMode2.adjustIndentation = 2;
    })(InsertTextMode || (InsertTextMode = {}));
    (function(ApplyKind2) {
      ApplyKind2.Replace = 1;
      ApplyKind2.Merge = 2;
    })(ApplyKind || (ApplyKind = {}));
    (function(CompletionItemLabelDetails2) {
      function is(value) {
        const candidate = value;
        return candidate && (Is.string(candidate.detail) || candidate.detail === void 0) && (Is.string(candidate.description) || candidate.description === void 0);
      }
      CompletionItemLabelDetails2.is = is;
    })(CompletionItemLabelDetails || (CompletionItemLabelDetails = {}));
    (function(CompletionItem2) {
      function create2(label) {
        return { label };
      }
      CompletionItem2.create = create2;
    })(CompletionItem || (CompletionItem = {}));
    (function(CompletionList2) {
      function create2(items, isIncomplete) {
        return { items: items ? items : [], isIncomplete: !!isIncomplete };
      }
      CompletionList2.create = create2;
    })(CompletionList || (CompletionList = {}));
    (function(MarkedString2) {
      function fromPlainText(plainText) {
        return plainText.replace(/[\\`*_{}[\]()#+\-.!]/g, "\\$&");
      }
      MarkedString2.fromPlainText = fromPlainText;
      function is(value) {
        const candidate = value;
        return Is.string(candidate) || Is.objectLiteral(candidate) && Is.string(candidate.language) && Is.string(candidate.value);
      }
      MarkedString2.is = is;
    })(MarkedString || (MarkedString = {}));
    (function(Hover2) {
      function is(value) {
        const candidate = value;
        return !!candidate && Is.objectLiteral(candidate) && (MarkupContent.is(candidate.contents) || MarkedString.is(candidate.contents) || Is.typedArray(candidate.contents, MarkedString.is)) && (value.range === void 0 || Range.is(value.range));
      }
      Hover2.is = is;
    })(Hover || (Hover = {}));
    (function(ParameterInformation2) {
      function create2(label, documentation) {
        return documentation ? { label, documentation } : { label };
      }
      ParameterInformation2.create = create2;
    })(ParameterInformation || (ParameterInformation = {}));
    (function(SignatureInformation2) {
      function create2(label, documentation, ...parameters) {
        const result = { label };
        if (Is.defined(documentation)) {
          result.documentation = documentation;
        }
        if (Is.defined(parameters)) {
          result.parameters = parameters;
        } else {
          result.parameters = [];
        }
        return result;
      }
      SignatureInformation2.create = create2;
    })(SignatureInformation || (SignatureInformation = {}));
    (function(DocumentHighlightKind2) {
      DocumentHighlightKind2.Text = 1;
      DocumentHighlightKind2.Read = 2;
      DocumentHighlightKind2.Write = 3;
    })(DocumentHighlightKind || (DocumentHighlightKind = {}));
    (function(DocumentHighlight2) {
      function create2(range, kind) {
        const result = { range };
        if (Is.number(kind)) {
          result.kind = kind;
        }
        return result;
      }
      DocumentHighlight2.create = create2;
    })(DocumentHighlight || (DocumentHighlight = {}));
    (function(SymbolKind2) {
      SymbolKind2.File = 1;
      SymbolKind2.Module = 2;
      SymbolKind2.Namespace = 3;
      SymbolKind2.Package = 4;
      SymbolKind2.Class = 5;
      SymbolKind2.Method = 6;
      SymbolKind2.Property = 7;
      SymbolKind2.Field = 8;
      SymbolKind2.Constructor = 9;
      SymbolKind2.Enum = 10;
      SymbolKind2.Interface = 11;
      SymbolKind2.Function = 12;
      SymbolKind2.Variable = 13;
      SymbolKind2.Constant = 14;
      SymbolKind2.String = 15;
      SymbolKind2.Number = 16;
      SymbolKind2.Boolean = 17;
      SymbolKind2.Array = 18;
      SymbolKind2.Object = 19;
      SymbolKind2.Key = 20;
      SymbolKind2.Null = 21;
      SymbolKind2.EnumMember = 22;
      SymbolKind2.Struct = 23;
      SymbolKind2.Event = 24;
      SymbolKind2.Operator = 25;
      SymbolKind2.TypeParameter = 26;
    })(SymbolKind || (SymbolKind = {}));
    (function(SymbolTag2) {
      SymbolTag2.Deprecated = 1;
    })(SymbolTag || (SymbolTag = {}));
    (function(SymbolInformation2) {
      function create2(name, kind, range, uri, containerName) {
        const result = {
          name,
          kind,
          location: { uri, range }
        };
        if (containerName) {
          result.containerName = containerName;
        }
        return result;
      }
      SymbolInformation2.create = create2;
    })(SymbolInformation || (SymbolInformation = {}));
    (function(WorkspaceSymbol2) {
      function create2(name, kind, uri, range) {
        return range !== void 0 ? { name, kind, location: { uri, range } } : { name, kind, location: { uri } };
      }
      WorkspaceSymbol2.create = create2;
    })(WorkspaceSymbol || (WorkspaceSymbol = {}));
    (function(DocumentSymbol2) {
      function create2(name, detail, kind, range, selectionRange, children) {
        const result = {
          name,
          detail,
          kind,
          range,
          selectionRange
        };
        if (children !== void 0) {
          result.children = children;
        }
        return result;
      }
      DocumentSymbol2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate && Is.string(candidate.name) && Is.number(candidate.kind) && Range.is(candidate.range) && Range.is(candidate.selectionRange) && (candidate.detail === void 0 || Is.string(candidate.detail)) && (candidate.deprecated === void 0 || Is.boolean(candidate.deprecated)) && (candidate.children === void 0 || Array.isArray(candidate.children)) && (candidate.tags === void 0 || Array.isArray(candidate.tags));
      }
      DocumentSymbol2.is = is;
    })(DocumentSymbol || (DocumentSymbol = {}));
    (function(CodeActionKind2) {
      CodeActionKind2.Empty = "";
      CodeActionKind2.QuickFix = "quickfix";
      CodeActionKind2.Refactor = "refactor";
      CodeActionKind2.RefactorExtract = "refactor.extract";
      CodeActionKind2.RefactorInline = "refactor.inline";
      CodeActionKind2.RefactorMove = "refactor.move";
      CodeActionKind2.RefactorRewrite = "refactor.rewrite";
      CodeActionKind2.Source = "source";
      CodeActionKind2.SourceOrganizeImports = "source.organizeImports";
      CodeActionKind2.SourceFixAll = "source.fixAll";
      CodeActionKind2.Notebook = "notebook";
    })(CodeActionKind || (CodeActionKind = {}));
    (function(CodeActionTriggerKind2) {
      CodeActionTriggerKind2.Invoked = 1;
      CodeActionTriggerKind2.Automatic = 2;
    })(CodeActionTriggerKind || (CodeActionTriggerKind = {}));
    (function(CodeActionContext2) {
      function create2(diagnostics, only, triggerKind) {
        const result = { diagnostics };
        if (only !== void 0 && only !== null) {
          result.only = only;
        }
        if (triggerKind !== void 0 && triggerKind !== null) {
          result.triggerKind = triggerKind;
        }
        return result;
      }
      CodeActionContext2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Is.typedArray(candidate.diagnostics, Diagnostic.is) && (candidate.only === void 0 || Is.typedArray(candidate.only, Is.string)) && (candidate.triggerKind === void 0 || candidate.triggerKind === CodeActionTriggerKind.Invoked || candidate.triggerKind === CodeActionTriggerKind.Automatic);
      }
      CodeActionContext2.is = is;
    })(CodeActionContext || (CodeActionContext = {}));
    (function(CodeActionTag2) {
      CodeActionTag2.LLMGenerated = 1;
      function is(value) {
        return Is.defined(value) && value === CodeActionTag2.LLMGenerated;
      }
      CodeActionTag2.is = is;
    })(CodeActionTag || (CodeActionTag = {}));
    (function(CodeAction2) {
      function create2(title, kindOrCommandOrEdit, kind) {
        const result = { title };
        let checkKind = true;
        if (typeof kindOrCommandOrEdit === "string") {
          checkKind = false;
          result.kind = kindOrCommandOrEdit;
        } else if (Command.is(kindOrCommandOrEdit)) {
          result.command = kindOrCommandOrEdit;
        } else {
          result.edit = kindOrCommandOrEdit;
        }
        if (checkKind && kind !== void 0) {
          result.kind = kind;
        }
        return result;
      }
      CodeAction2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate && Is.string(candidate.title) && (candidate.diagnostics === void 0 || Is.typedArray(candidate.diagnostics, Diagnostic.is)) && (candidate.kind === void 0 || Is.string(candidate.kind)) && (candidate.edit !== void 0 || candidate.command !== void 0) && (candidate.command === void 0 || Command.is(candidate.command)) && (candidate.isPreferred === void 0 || Is.boolean(candidate.isPreferred)) && (candidate.edit === void 0 || WorkspaceEdit.is(candidate.edit)) && (candidate.tags === void 0 || Is.typedArray(candidate.tags, CodeActionTag.is));
      }
      CodeAction2.is = is;
    })(CodeAction || (CodeAction = {}));
    (function(CodeLens2) {
      function create2(range, data) {
        const result = { range };
        if (Is.defined(data)) {
          result.data = data;
        }
        return result;
      }
      CodeLens2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Range.is(candidate.range) && (Is.undefined(candidate.command) || Command.is(candidate.command));
      }
      CodeLens2.is = is;
    })(CodeLens || (CodeLens = {}));
    (function(FormattingOptions2) {
      function create2(tabSize, insertSpaces) {
        return { tabSize, insertSpaces };
      }
      FormattingOptions2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Is.uinteger(candidate.tabSize) && Is.boolean(candidate.insertSpaces);
      }
      FormattingOptions2.is = is;
    })(FormattingOptions || (FormattingOptions = {}));
    (function(DocumentLink2) {
      function create2(range, target, data) {
        return { range, target, data };
      }
      DocumentLink2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Range.is(candidate.range) && (Is.undefined(candidate.target) || Is.string(candidate.target));
      }
      DocumentLink2.is = is;
    })(DocumentLink || (DocumentLink = {}));
    (function(SelectionRange2) {
      function create2(range, parent) {
        return { range, parent };
      }
      SelectionRange2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Range.is(candidate.range) && (candidate.parent === void 0 || SelectionRange2.is(candidate.parent));
      }
      SelectionRange2.is = is;
    })(SelectionRange || (SelectionRange = {}));
    (function(SemanticTokenTypes2) {
      SemanticTokenTypes2["namespace"] = "namespace";
      SemanticTokenTypes2["type"] = "type";
      SemanticTokenTypes2["class"] = "class";
      SemanticTokenTypes2["enum"] = "enum";
      SemanticTokenTypes2["interface"] = "interface";
      SemanticTokenTypes2["struct"] = "struct";
      SemanticTokenTypes2["typeParameter"] = "typeParameter";
      SemanticTokenTypes2["parameter"] = "parameter";
      SemanticTokenTypes2["variable"] = "variable";
      SemanticTokenTypes2["property"] = "property";
      SemanticTokenTypes2["enumMember"] = "enumMember";
      SemanticTokenTypes2["event"] = "event";
      SemanticTokenTypes2["function"] = "function";
      SemanticTokenTypes2["method"] = "method";
      SemanticTokenTypes2["macro"] = "macro";
      SemanticTokenTypes2["keyword"] = "keyword";
      SemanticTokenTypes2["modifier"] = "modifier";
      SemanticTokenTypes2["comment"] = "comment";
      SemanticTokenTypes2["string"] = "string";
      SemanticTokenTypes2["number"] = "number";
      SemanticTokenTypes2["regexp"] = "regexp";
      SemanticTokenTypes2["operator"] = "operator";
      SemanticTokenTypes2["decorator"] = "decorator";
      SemanticTokenTypes2["label"] = "label";
    })(SemanticTokenTypes || (SemanticTokenTypes = {}));
    (function(SemanticTokenModifiers2) {
      SemanticTokenModifiers2["declaration"] = "declaration";
      SemanticTokenModifiers2["definition"] = "definition";
      SemanticTokenModifiers2["readonly"] = "readonly";
      SemanticTokenModifiers2["static"] = "static";
      SemanticTokenModifiers2["deprecated"] = "deprecated";
      SemanticTokenModifiers2["abstract"] = "abstract";
      SemanticTokenModifiers2["async"] = "async";
      SemanticTokenModifiers2["modification"] = "modification";
      SemanticTokenModifiers2["documentation"] = "documentation";
      SemanticTokenModifiers2["defaultLibrary"] = "defaultLibrary";
    })(SemanticTokenModifiers || (SemanticTokenModifiers = {}));
    (function(SemanticTokens2) {
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && (candidate.resultId === void 0 || typeof candidate.resultId === "string") && Array.isArray(candidate.data) && (candidate.data.length === 0 || typeof candidate.data[0] === "number");
      }
      SemanticTokens2.is = is;
    })(SemanticTokens || (SemanticTokens = {}));
    (function(InlineValueText2) {
      function create2(range, text) {
        return { range, text };
      }
      InlineValueText2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate !== void 0 && candidate !== null && Range.is(candidate.range) && Is.string(candidate.text);
      }
      InlineValueText2.is = is;
    })(InlineValueText || (InlineValueText = {}));
    (function(InlineValueVariableLookup2) {
      function create2(range, variableName, caseSensitiveLookup) {
        return { range, variableName, caseSensitiveLookup };
      }
      InlineValueVariableLookup2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate !== void 0 && candidate !== null && Range.is(candidate.range) && Is.boolean(candidate.caseSensitiveLookup) && (Is.string(candidate.variableName) || candidate.variableName === void 0);
      }
      InlineValueVariableLookup2.is = is;
    })(InlineValueVariableLookup || (InlineValueVariableLookup = {}));
    (function(InlineValueEvaluatableExpression2) {
      function create2(range, expression) {
        return { range, expression };
      }
      InlineValueEvaluatableExpression2.create = create2;
      function is(value) {
        const candidate = value;
        return candidate !== void 0 && candidate !== null && Range.is(candidate.range) && (Is.string(candidate.expression) || candidate.expression === void 0);
      }
      InlineValueEvaluatableExpression2.is = is;
    })(InlineValueEvaluatableExpression || (InlineValueEvaluatableExpression = {}));
    (function(InlineValueContext2) {
      function create2(frameId, stoppedLocation) {
        return { frameId, stoppedLocation };
      }
      InlineValueContext2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Range.is(value.stoppedLocation);
      }
      InlineValueContext2.is = is;
    })(InlineValueContext || (InlineValueContext = {}));
    (function(InlayHintKind2) {
      InlayHintKind2.Type = 1;
      InlayHintKind2.Parameter = 2;
      function is(value) {
        return value === 1 || value === 2;
      }
      InlayHintKind2.is = is;
    })(InlayHintKind || (InlayHintKind = {}));
    (function(InlayHintLabelPart2) {
      function create2(value) {
        return { value };
      }
      InlayHintLabelPart2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && (candidate.tooltip === void 0 || Is.string(candidate.tooltip) || MarkupContent.is(candidate.tooltip)) && (candidate.location === void 0 || Location.is(candidate.location)) && (candidate.command === void 0 || Command.is(candidate.command));
      }
      InlayHintLabelPart2.is = is;
    })(InlayHintLabelPart || (InlayHintLabelPart = {}));
    (function(InlayHint2) {
      function create2(position, label, kind) {
        const result = { position, label };
        if (kind !== void 0) {
          result.kind = kind;
        }
        return result;
      }
      InlayHint2.create = create2;
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && Position.is(candidate.position) && (Is.string(candidate.label) || Is.typedArray(candidate.label, InlayHintLabelPart.is)) && (candidate.kind === void 0 || InlayHintKind.is(candidate.kind)) && candidate.textEdits === void 0 || Is.typedArray(candidate.textEdits, TextEdit.is) && (candidate.tooltip === void 0 || Is.string(candidate.tooltip) || MarkupContent.is(candidate.tooltip)) && (candidate.paddingLeft === void 0 || Is.boolean(candidate.paddingLeft)) && (candidate.paddingRight === void 0 || Is.boolean(candidate.paddingRight));
      }
      InlayHint2.is = is;
    })(InlayHint || (InlayHint = {}));
    (function(StringValue2) {
      function createSnippet(value) {
        return { kind: "snippet", value };
      }
      StringValue2.createSnippet = createSnippet;
      function isSnippet(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && candidate.kind === "snippet" && Is.string(candidate.value);
      }
      StringValue2.isSnippet = isSnippet;
    })(StringValue || (StringValue = {}));
    (function(InlineCompletionItem2) {
      function create2(insertText, filterText, range, command) {
        return { insertText, filterText, range, command };
      }
      InlineCompletionItem2.create = create2;
    })(InlineCompletionItem || (InlineCompletionItem = {}));
    (function(InlineCompletionList2) {
      function create2(items) {
        return { items };
      }
      InlineCompletionList2.create = create2;
    })(InlineCompletionList || (InlineCompletionList = {}));
    (function(InlineCompletionTriggerKind2) {
      InlineCompletionTriggerKind2.Invoked = 1;
      InlineCompletionTriggerKind2.Automatic = 2;
    })(InlineCompletionTriggerKind || (InlineCompletionTriggerKind = {}));
    (function(SelectedCompletionInfo2) {
      function create2(range, text) {
        return { range, text };
      }
      SelectedCompletionInfo2.create = create2;
    })(SelectedCompletionInfo || (SelectedCompletionInfo = {}));
    (function(InlineCompletionContext2) {
      function create2(triggerKind, selectedCompletionInfo) {
        return { triggerKind, selectedCompletionInfo };
      }
      InlineCompletionContext2.create = create2;
    })(InlineCompletionContext || (InlineCompletionContext = {}));
    (function(WorkspaceFolder2) {
      function is(value) {
        const candidate = value;
        return Is.objectLiteral(candidate) && URI.is(candidate.uri) && Is.string(candidate.name);
      }
      WorkspaceFolder2.is = is;
    })(WorkspaceFolder || (WorkspaceFolder = {}));
    EOL = ["\n", "\r\n", "\r"];
    (function(TextDocument3) {
      function create2(uri, languageId, version, content) {
        return new FullTextDocument(uri, languageId, version, content);
      }
      TextDocument3.create = create2;
      function is(value) {
        const candidate = value;
        return Is.defined(candidate) && Is.string(candidate.uri) && (Is.undefined(candidate.languageId) || Is.string(candidate.languageId)) && Is.uinteger(candidate.lineCount) && Is.func(candidate.getText) && Is.func(candidate.positionAt) && Is.func(candidate.offsetAt) ? true : false;
      }
      TextDocument3.is = is;
      function applyEdits(document, edits) {
        let text = document.getText();
        const sortedEdits = mergeSort2(edits, (a, b) => {
          const diff = a.range.start.line - b.range.start.line;
          if (diff === 0) {
            return a.range.start.character - b.range.start.character;
          }
          return diff;
        });
        let lastModifiedOffset = text.length;
        for (let i = sortedEdits.length - 1; i >= 0; i--) {
          const e = sortedEdits[i];
          const startOffset = document.offsetAt(e.range.start);
          const endOffset = document.offsetAt(e.range.end);
          if (endOffset <= lastModifiedOffset) {
            text = text.substring(0, startOffset) + e.newText + text.substring(endOffset, text.length);
          } else {
            throw new Error("Overlapping edit");
          }
          lastModifiedOffset = startOffset;
        }
        return text;
      }
      TextDocument3.applyEdits = applyEdits;
      function mergeSort2(data, compare) {
        if (data.length <= 1) {
          return data;
        }
        const p = data.length / 2 | 0;
        const left = data.slice(0, p);
        const right = data.slice(p);
        mergeSort2(left, compare);
        mergeSort2(right, compare);
        let leftIdx = 0;
        let rightIdx = 0;
        let i = 0;
        while (leftIdx < left.length && rightIdx < right.length) {
          const ret = compare(left[leftIdx], right[rightIdx]);
          if (ret <= 0) {
            data[i++] = left[leftIdx++];
          } else {
            data[i++] = right[rightIdx++];
          }
        }
        while (leftIdx < left.length) {
          data[i++] = left[leftIdx++];
        }
        while (rightIdx < right.length) {
          data[i++] = right[rightIdx++];
        }
        return data;
      }
    })(TextDocument || (TextDocument = {}));
    FullTextDocument = class {
      constructor(uri, languageId, version, content) {
        this._uri = uri;
        this._languageId = languageId;
        this._version = version;
        this._content = content;
        this._lineOffsets = void 0;
      }
      get uri() {
        return this._uri;
      }
      get languageId() {
        return this._languageId;
      }
      get version() {
        return this._version;
      }
      getText(range) {
        if (range) {
          const start = this.offsetAt(range.start);
          const end = this.offsetAt(range.end);
          return this._content.substring(start, end);
        }
        return this._content;
      }
      update(event, version) {
        this._content = event.text;
        this._version = version;
        this._lineOffsets = void 0;
      }
      getLineOffsets() {
        if (this._lineOffsets === void 0) {
          const lineOffsets = [];
          const text = this._content;
          let isLineStart = true;
          for (let i = 0; i < text.length; i++) {
            if (isLineStart) {
              lineOffsets.push(i);
              isLineStart = false;
            }
            const ch = text.charAt(i);
            isLineStart = ch === "\r" || ch === "\n";
            if (ch === "\r" && i + 1 < text.length && text.charAt(i + 1) === "\n") {
              i++;
            }
          }
          if (isLineStart && text.length > 0) {
            lineOffsets.push(text.length);
          }
          this._lineOffsets = lineOffsets;
        }
        return this._lineOffsets;
      }
      positionAt(offset) {
        offset = Math.max(Math.min(offset, this._content.length), 0);
        const lineOffsets = this.getLineOffsets();
        let low = 0, high = lineOffsets.length;
        if (high === 0) {
          return Position.create(0, offset);
        }
        while (low < high) {
          const mid = Math.floor((low + high) / 2);
          if (lineOffsets[mid] > offset) {
            high = mid;
          } else {
            low = mid + 1;
          }
        }
        const line = low - 1;
        return Position.create(line, offset - lineOffsets[line]);
      }
      offsetAt(position) {
        const lineOffsets = this.getLineOffsets();
        if (position.line >= lineOffsets.length) {
          return this._content.length;
        } else if (position.line < 0) {
          return 0;
        }
        const lineOffset = lineOffsets[position.line];
        const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this._content.length;
        return Math.max(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
      }
      get lineCount() {
        return this.getLineOffsets().length;
      }
    };
    (function(Is2) {
      const toString = Object.prototype.toString;
      function defined(value) {
        return typeof value !== "undefined";
      }
      Is2.defined = defined;
      function undefined2(value) {
        return typeof value === "undefined";
      }
      Is2.undefined = undefined2;
      function boolean(value) {
        return value === true || value === false;
      }
      Is2.boolean = boolean;
      function string(value) {
        return toString.call(value) === "[object String]";
      }
      Is2.string = string;
      function number(value) {
        return toString.call(value) === "[object Number]";
      }
      Is2.number = number;
      function numberRange(value, min, max) {
        return toString.call(value) === "[object Number]" && min <= value && value <= max;
      }
      Is2.numberRange = numberRange;
      function integer2(value) {
        return toString.call(value) === "[object Number]" && -2147483648 <= value && value <= 2147483647;
      }
      Is2.integer = integer2;
      function uinteger2(value) {
        return toString.call(value) === "[object Number]" && 0 <= value && value <= 2147483647;
      }
      Is2.uinteger = uinteger2;
      function func(value) {
        return toString.call(value) === "[object Function]";
      }
      Is2.func = func;
      function objectLiteral(value) {
        return value !== null && typeof value === "object";
      }
      Is2.objectLiteral = objectLiteral;
      function typedArray(value, check) {
        return Array.isArray(value) && value.every(check);
      }
      Is2.typedArray = typedArray;
    })(Is || (Is = {}));
  }
});

// node_modules/dockerfile-ast/lib/line.js
var require_line = __commonJS({
  "node_modules/dockerfile-ast/lib/line.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Line = void 0;
    var Line = class {
      constructor(document, range) {
        this.document = document;
        this.range = range;
      }
      getRange() {
        return this.range;
      }
      getTextContent() {
        return this.document.getText().substring(this.document.offsetAt(this.range.start), this.document.offsetAt(this.range.end));
      }
      isAfter(line) {
        return this.range.start.line > line.range.start.line;
      }
      isBefore(line) {
        return this.range.start.line < line;
      }
    };
    exports.Line = Line;
  }
});

// node_modules/dockerfile-ast/lib/util.js
var require_util = __commonJS({
  "node_modules/dockerfile-ast/lib/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Util = void 0;
    var Util2 = class _Util {
      static isUTF8BOM(char) {
        const uintArray = Uint8Array.from(Buffer.from(char, "UTF-8"));
        return uintArray[0] === 239 && uintArray[1] == 187 && uintArray[2] == 191;
      }
      static isWhitespace(char) {
        return char === " " || char === "	" || _Util.isNewline(char);
      }
      static isNewline(char) {
        return char === "\r" || char === "\n";
      }
      static findLeadingNonWhitespace(content, escapeChar) {
        whitespaceCheck: for (let i = 0; i < content.length; i++) {
          switch (content.charAt(i)) {
            case " ":
            case "	":
              continue;
            case escapeChar:
              escapeCheck: for (let j = i + 1; j < content.length; j++) {
                switch (content.charAt(j)) {
                  case " ":
                  case "	":
                    continue;
                  case "\r":
                    i = j + 1;
                    continue whitespaceCheck;
                  case "\n":
                    i = j;
                    continue whitespaceCheck;
                  default:
                    break escapeCheck;
                }
              }
              return -1;
            default:
              return i;
          }
        }
        return -1;
      }
      /**
       * Determines if the given position is contained within the given range.
       *
       * @param position the position to check
       * @param range the range to see if the position is inside of
       */
      static isInsideRange(position, range) {
        if (range.start.line === range.end.line) {
          return range.start.line === position.line && range.start.character <= position.character && position.character <= range.end.character;
        } else if (range.start.line === position.line) {
          return range.start.character <= position.character;
        } else if (range.end.line === position.line) {
          return position.character <= range.end.character;
        }
        return range.start.line < position.line && position.line < range.end.line;
      }
      static parseHeredocName(value) {
        value = value.substring(2);
        if (value.charAt(0) === "-") {
          value = value.substring(1);
        }
        if (value.charAt(0) === '"') {
          if (value.charAt(value.length - 1) !== '"') {
            return null;
          }
          value = value.substring(1, value.length - 1);
        }
        if (value.charAt(0) === "'") {
          if (value.charAt(value.length - 1) !== "'") {
            return null;
          }
          value = value.substring(1, value.length - 1);
        }
        if (value.charAt(0) === "<") {
          return null;
        }
        return value;
      }
    };
    exports.Util = Util2;
  }
});

// node_modules/dockerfile-ast/lib/comment.js
var require_comment = __commonJS({
  "node_modules/dockerfile-ast/lib/comment.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Comment = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var line_1 = require_line();
    var util_1 = require_util();
    var Comment = class extends line_1.Line {
      constructor(document, range) {
        super(document, range);
      }
      toString() {
        const content = this.getContent();
        if (content) {
          return "# " + content;
        }
        return "#";
      }
      /**
       * Returns the content of this comment. This excludes leading and
       * trailing whitespace as well as the # symbol. If the comment only
       * consists of whitespace, the empty string will be returned.
       */
      getContent() {
        let range = this.getContentRange();
        if (range === null) {
          return "";
        }
        return this.document.getText().substring(this.document.offsetAt(range.start), this.document.offsetAt(range.end));
      }
      /**
       * Returns a range that includes the content of the comment
       * excluding any leading and trailing whitespace as well as the #
       * symbol. May return null if the comment only consists of whitespace
       * characters.
       */
      getContentRange() {
        let range = this.getRange();
        const startOffset = this.document.offsetAt(range.start);
        let raw = this.document.getText().substring(startOffset, this.document.offsetAt(range.end));
        let start = -1;
        let end = -1;
        for (let i = 1; i < raw.length; i++) {
          if (!util_1.Util.isWhitespace(raw.charAt(i))) {
            start = i;
            break;
          }
        }
        if (start === -1) {
          return null;
        }
        for (let i = raw.length - 1; i >= 1; i--) {
          if (!util_1.Util.isWhitespace(raw.charAt(i))) {
            end = i + 1;
            break;
          }
        }
        return vscode_languageserver_types_1.Range.create(this.document.positionAt(startOffset + start), this.document.positionAt(startOffset + end));
      }
    };
    exports.Comment = Comment;
  }
});

// node_modules/vscode-languageserver-textdocument/lib/esm/main.js
var main_exports2 = {};
__export(main_exports2, {
  TextDocument: () => TextDocument2
});
function mergeSort(data, compare) {
  if (data.length <= 1) {
    return data;
  }
  const p = data.length / 2 | 0;
  const left = data.slice(0, p);
  const right = data.slice(p);
  mergeSort(left, compare);
  mergeSort(right, compare);
  let leftIdx = 0;
  let rightIdx = 0;
  let i = 0;
  while (leftIdx < left.length && rightIdx < right.length) {
    const ret = compare(left[leftIdx], right[rightIdx]);
    if (ret <= 0) {
      data[i++] = left[leftIdx++];
    } else {
      data[i++] = right[rightIdx++];
    }
  }
  while (leftIdx < left.length) {
    data[i++] = left[leftIdx++];
  }
  while (rightIdx < right.length) {
    data[i++] = right[rightIdx++];
  }
  return data;
}
function computeLineOffsets(text, isAtLineStart, textOffset = 0) {
  const result = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) {
        i++;
      }
      result.push(textOffset + i + 1);
    }
  }
  return result;
}
function isEOL(char) {
  return char === 13 || char === 10;
}
function getWellformedRange(range) {
  const start = range.start;
  const end = range.end;
  if (start.line > end.line || start.line === end.line && start.character > end.character) {
    return { start: end, end: start };
  }
  return range;
}
function getWellformedEdit(textEdit) {
  const range = getWellformedRange(textEdit.range);
  if (range !== textEdit.range) {
    return { newText: textEdit.newText, range };
  }
  return textEdit;
}
var FullTextDocument2, TextDocument2;
var init_main2 = __esm({
  "node_modules/vscode-languageserver-textdocument/lib/esm/main.js"() {
    "use strict";
    FullTextDocument2 = class _FullTextDocument {
      constructor(uri, languageId, version, content) {
        this._uri = uri;
        this._languageId = languageId;
        this._version = version;
        this._content = content;
        this._lineOffsets = void 0;
      }
      get uri() {
        return this._uri;
      }
      get languageId() {
        return this._languageId;
      }
      get version() {
        return this._version;
      }
      getText(range) {
        if (range) {
          const start = this.offsetAt(range.start);
          const end = this.offsetAt(range.end);
          return this._content.substring(start, end);
        }
        return this._content;
      }
      update(changes, version) {
        for (const change of changes) {
          if (_FullTextDocument.isIncremental(change)) {
            const range = getWellformedRange(change.range);
            const startOffset = this.offsetAt(range.start);
            const endOffset = this.offsetAt(range.end);
            this._content = this._content.substring(0, startOffset) + change.text + this._content.substring(endOffset, this._content.length);
            const insertedEndOffset = startOffset + change.text.length;
            const crlfAtStart = this._content.charCodeAt(startOffset - 1) === 13 && this._content.charCodeAt(startOffset) === 10;
            const crlfAtEnd = this._content.charCodeAt(insertedEndOffset - 1) === 13 && this._content.charCodeAt(insertedEndOffset) === 10;
            if (crlfAtStart || crlfAtEnd) {
              this._lineOffsets = void 0;
              continue;
            }
            const startLine = Math.max(range.start.line, 0);
            const endLine = Math.max(range.end.line, 0);
            let lineOffsets = this._lineOffsets;
            const addedLineOffsets = computeLineOffsets(change.text, false, startOffset);
            if (endLine - startLine === addedLineOffsets.length) {
              for (let i = 0, len = addedLineOffsets.length; i < len; i++) {
                lineOffsets[i + startLine + 1] = addedLineOffsets[i];
              }
            } else {
              if (addedLineOffsets.length < 1e4) {
                lineOffsets.splice(startLine + 1, endLine - startLine, ...addedLineOffsets);
              } else {
                this._lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(addedLineOffsets, lineOffsets.slice(endLine + 1));
              }
            }
            const diff = change.text.length - (endOffset - startOffset);
            if (diff !== 0) {
              for (let i = startLine + 1 + addedLineOffsets.length, len = lineOffsets.length; i < len; i++) {
                lineOffsets[i] = lineOffsets[i] + diff;
              }
            }
          } else if (_FullTextDocument.isFull(change)) {
            this._content = change.text;
            this._lineOffsets = void 0;
          } else {
            throw new Error("Unknown change event received");
          }
        }
        this._version = version;
      }
      getLineOffsets() {
        if (this._lineOffsets === void 0) {
          this._lineOffsets = computeLineOffsets(this._content, true);
        }
        return this._lineOffsets;
      }
      positionAt(offset) {
        offset = Math.max(Math.min(offset, this._content.length), 0);
        const lineOffsets = this.getLineOffsets();
        let low = 0, high = lineOffsets.length;
        if (high === 0) {
          return { line: 0, character: offset };
        }
        while (low < high) {
          const mid = Math.floor((low + high) / 2);
          if (lineOffsets[mid] > offset) {
            high = mid;
          } else {
            low = mid + 1;
          }
        }
        const line = low - 1;
        offset = this.ensureBeforeEOL(offset, lineOffsets[line]);
        return { line, character: offset - lineOffsets[line] };
      }
      offsetAt(position) {
        const lineOffsets = this.getLineOffsets();
        if (position.line >= lineOffsets.length) {
          return this._content.length;
        } else if (position.line < 0) {
          return 0;
        }
        const lineOffset = lineOffsets[position.line];
        if (position.character <= 0) {
          return lineOffset;
        }
        const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this._content.length;
        const offset = Math.min(lineOffset + position.character, nextLineOffset);
        return this.ensureBeforeEOL(offset, lineOffset);
      }
      getLineRange(line) {
        const lineOffsets = this.getLineOffsets();
        if (line >= lineOffsets.length) {
          const lastLine2 = lineOffsets.length - 1;
          return { start: { line: lastLine2, character: 0 }, end: { line: lastLine2, character: this._content.length - lineOffsets[lastLine2] } };
        } else if (line < 0) {
          return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        }
        const startOffset = lineOffsets[line];
        const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this._content.length;
        const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
        return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
      }
      getEOLCharacters(line) {
        const lineOffsets = this.getLineOffsets();
        if (line >= lineOffsets.length) {
          return "";
        } else if (line < 0) {
          return "";
        }
        const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this._content.length;
        const eolOffset = this.ensureBeforeEOL(nextLineOffset, lineOffsets[line]);
        return this._content.substring(eolOffset, nextLineOffset);
      }
      ensureBeforeEOL(offset, lineOffset) {
        while (offset > lineOffset && isEOL(this._content.charCodeAt(offset - 1))) {
          offset--;
        }
        return offset;
      }
      get lineCount() {
        return this.getLineOffsets().length;
      }
      static isIncremental(event) {
        const candidate = event;
        return candidate !== void 0 && candidate !== null && typeof candidate.text === "string" && candidate.range !== void 0 && (candidate.rangeLength === void 0 || typeof candidate.rangeLength === "number");
      }
      static isFull(event) {
        const candidate = event;
        return candidate !== void 0 && candidate !== null && typeof candidate.text === "string" && candidate.range === void 0 && candidate.rangeLength === void 0;
      }
    };
    (function(TextDocument3) {
      function create2(uri, languageId, version, content) {
        return new FullTextDocument2(uri, languageId, version, content);
      }
      TextDocument3.create = create2;
      function update(document, changes, version) {
        if (document instanceof FullTextDocument2) {
          document.update(changes, version);
          return document;
        } else {
          throw new Error("TextDocument.update: document must be created by TextDocument.create");
        }
      }
      TextDocument3.update = update;
      function applyEdits(document, edits) {
        const text = document.getText();
        const sortedEdits = mergeSort(edits.map(getWellformedEdit), (a, b) => {
          const diff = a.range.start.line - b.range.start.line;
          if (diff === 0) {
            return a.range.start.character - b.range.start.character;
          }
          return diff;
        });
        let lastModifiedOffset = 0;
        const spans = [];
        for (const e of sortedEdits) {
          const startOffset = document.offsetAt(e.range.start);
          if (startOffset < lastModifiedOffset) {
            throw new Error("Overlapping edit");
          } else if (startOffset > lastModifiedOffset) {
            spans.push(text.substring(lastModifiedOffset, startOffset));
          }
          if (e.newText.length) {
            spans.push(e.newText);
          }
          lastModifiedOffset = document.offsetAt(e.range.end);
        }
        spans.push(text.substr(lastModifiedOffset));
        return spans.join("");
      }
      TextDocument3.applyEdits = applyEdits;
    })(TextDocument2 || (TextDocument2 = {}));
  }
});

// node_modules/dockerfile-ast/lib/parserDirective.js
var require_parserDirective = __commonJS({
  "node_modules/dockerfile-ast/lib/parserDirective.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ParserDirective = void 0;
    var main_1 = require_main();
    var line_1 = require_line();
    var ParserDirective = class extends line_1.Line {
      constructor(document, range, nameRange, valueRange) {
        super(document, range);
        this.nameRange = nameRange;
        this.valueRange = valueRange;
      }
      toString() {
        return "# " + this.getName() + "=" + this.getValue();
      }
      getNameRange() {
        return this.nameRange;
      }
      getValueRange() {
        return this.valueRange;
      }
      getName() {
        return this.document.getText().substring(this.document.offsetAt(this.nameRange.start), this.document.offsetAt(this.nameRange.end));
      }
      getValue() {
        return this.document.getText().substring(this.document.offsetAt(this.valueRange.start), this.document.offsetAt(this.valueRange.end));
      }
      getDirective() {
        const directive = main_1.Directive[this.getName().toLowerCase()];
        return directive === void 0 ? null : directive;
      }
    };
    exports.ParserDirective = ParserDirective;
  }
});

// node_modules/dockerfile-ast/lib/heredoc.js
var require_heredoc = __commonJS({
  "node_modules/dockerfile-ast/lib/heredoc.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Heredoc = void 0;
    var Heredoc = class {
      constructor(startRange, name, nameRange, contentRange, endRange) {
        this.startRange = startRange;
        this.name = name;
        this.nameRange = nameRange;
        this.contentRange = contentRange;
        this.endRange = endRange;
      }
      /**
       * Returns the name of the here-document.
       *
       * This API is experimental and subject to change.
       */
      getName() {
        return this.name;
      }
      /**
       * Returns the range of the start operator and the name. If the
       * here-document is initialized with <<EOT then the start range would
       * encompass all five characters.
       *
       * This API is experimental and subject to change.
       */
      getStartRange() {
        return this.startRange;
      }
      /**
       * Returns the range of this here-document's name that is declared at
       * the beginning of the here-document with the operator. If the
       * here-document is initialized with <<EOT then the name range would
       * encompass the latter three "EOT" characters.
       *
       * This API is experimental and subject to change.
       */
      getNameRange() {
        return this.nameRange;
      }
      /**
       * Returns the range of the content of this here-document. This may
       * be null if the here-document has no content because:
       * - the start range is the only thing that was declared
       * - the end range was declared immediately and there is no content
       *
       * This API is experimental and subject to change.
       */
      getContentRange() {
        return this.contentRange;
      }
      /**
       * Returns the range of the here-document's name on a line that
       * represents the end of the here-document.
       *
       * This API is experimental and subject to change.
       */
      getDelimiterRange() {
        return this.endRange;
      }
    };
    exports.Heredoc = Heredoc;
  }
});

// node_modules/dockerfile-ast/lib/variable.js
var require_variable = __commonJS({
  "node_modules/dockerfile-ast/lib/variable.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Variable = void 0;
    var Variable = class {
      constructor(name, nameRange, range, modifier, modifierRange, substitutionParameter, substitutionRange, defined, buildVariable, stringValue) {
        this.name = name;
        this.nameRange = nameRange;
        this.range = range;
        this.modifier = modifier;
        this.modifierRange = modifierRange;
        this.substitutionParameter = substitutionParameter;
        this.substitutionRange = substitutionRange;
        this.defined = defined;
        this.buildVariable = buildVariable;
        this.stringValue = stringValue;
      }
      toString() {
        return this.stringValue;
      }
      getName() {
        return this.name;
      }
      getNameRange() {
        return this.nameRange;
      }
      /**
       * Returns the range of the entire variable. This includes the symbols for
       * the declaration of the variable such as the $, {, and } symbols.
       *
       * @return the range in the document that this variable encompasses in its
       *         entirety
       */
      getRange() {
        return this.range;
      }
      /**
       * Returns the modifier character that has been set for
       * specifying how this variable should be expanded and resolved.
       * If this variable is ${variable:+value} then the modifier
       * character is '+'. Will be the empty string if the variable is
       * declared as ${variable:}. Otherwise, will be null if this
       * variable will not use variable substitution at all (such as
       * ${variable} or $variable).
       *
       * @return this variable's modifier character, or the empty
       *         string if it does not have one, or null if this
       *         variable will not use variable substitution
       */
      getModifier() {
        return this.modifier;
      }
      getModifierRange() {
        return this.modifierRange;
      }
      /**
       * Returns the parameter that will be used for substitution if
       * this variable uses modifiers to define how its value should be
       * resolved. If this variable is ${variable:+value} then the
       * substitution value will be 'value'. Will be the empty string
       * if the variable is declared as ${variable:+} or some other
       * variant where the only thing that follows the modifier
       * character (excluding considerations of escape characters and
       * so on) is the variable's closing bracket. May be null if this
       * variable does not have a modifier character defined (such as
       * ${variable} or $variable).
       *
       * @return this variable's substitution parameter, or the empty
       *         string if it does not have one, or null if there is
       *         not one defined
       */
      getSubstitutionParameter() {
        return this.substitutionParameter;
      }
      getSubstitutionRange() {
        return this.substitutionRange;
      }
      /**
       * Returns whether this variable has been defined or not.
       *
       * @return true if this variable has been defined, false otherwise
       */
      isDefined() {
        return this.defined;
      }
      isBuildVariable() {
        return this.buildVariable === true;
      }
      isEnvironmentVariable() {
        return this.buildVariable === false;
      }
    };
    exports.Variable = Variable;
  }
});

// node_modules/dockerfile-ast/lib/instruction.js
var require_instruction = __commonJS({
  "node_modules/dockerfile-ast/lib/instruction.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Instruction = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var util_1 = require_util();
    var line_1 = require_line();
    var argument_1 = require_argument();
    var heredoc_1 = require_heredoc();
    var variable_1 = require_variable();
    var main_1 = require_main();
    var Instruction = class extends line_1.Line {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range);
        this.dockerfile = dockerfile;
        this.escapeChar = escapeChar;
        this.instruction = instruction;
        this.instructionRange = instructionRange;
      }
      toString() {
        let value = this.getKeyword();
        for (let arg of this.getRawArguments()) {
          value += " ";
          value += arg.getValue();
        }
        return value;
      }
      getRangeContent(range) {
        if (range === null) {
          return null;
        }
        return this.document.getText().substring(this.document.offsetAt(range.start), this.document.offsetAt(range.end));
      }
      getInstructionRange() {
        return this.instructionRange;
      }
      getInstruction() {
        return this.instruction;
      }
      getKeyword() {
        return this.getInstruction().toUpperCase();
      }
      getArgumentsRange() {
        let args = this.getArguments();
        if (args.length === 0) {
          return null;
        }
        return vscode_languageserver_types_1.Range.create(args[0].getRange().start, args[args.length - 1].getRange().end);
      }
      getArgumentsRanges() {
        let args = this.getArguments();
        if (args.length === 0) {
          return [];
        }
        if (args[0].getRange().start.line === args[args.length - 1].getRange().end.line) {
          return [vscode_languageserver_types_1.Range.create(args[0].getRange().start, args[args.length - 1].getRange().end)];
        }
        let ranges = [];
        let end = -1;
        let startPosition = args[0].getRange().start;
        let range = this.getInstructionRange();
        let extra = this.document.offsetAt(startPosition) - this.document.offsetAt(range.start);
        let content = this.getTextContent();
        let fullArgs = content.substring(extra, this.document.offsetAt(args[args.length - 1].getRange().end) - this.document.offsetAt(range.start));
        let offset = this.document.offsetAt(range.start) + extra;
        let start = false;
        let comment = false;
        for (let i = 0; i < fullArgs.length; i++) {
          let char = fullArgs.charAt(i);
          if (char === this.escapeChar) {
            let next = fullArgs.charAt(i + 1);
            if (next === " " || next === "	") {
              whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
                switch (fullArgs.charAt(j)) {
                  case " ":
                  case "	":
                    continue;
                  case "\r":
                    j++;
                  case "\n":
                    if (startPosition !== null) {
                      ranges.push(vscode_languageserver_types_1.Range.create(startPosition, this.document.positionAt(offset + end + 1)));
                    }
                    startPosition = null;
                    start = true;
                    comment = false;
                    i = j;
                    break whitespaceCheck;
                  default:
                    break whitespaceCheck;
                }
              }
            } else if (next === "\r") {
              if (startPosition !== null) {
                ranges.push(vscode_languageserver_types_1.Range.create(startPosition, this.document.positionAt(offset + end + 1)));
                startPosition = null;
              }
              start = true;
              comment = false;
              i += 2;
            } else if (next === "\n") {
              if (startPosition !== null) {
                ranges.push(vscode_languageserver_types_1.Range.create(startPosition, this.document.positionAt(offset + end + 1)));
              }
              startPosition = null;
              start = true;
              comment = false;
              i++;
            } else {
              i++;
            }
          } else if (util_1.Util.isNewline(char)) {
            if (comment) {
              startPosition = null;
              start = true;
              comment = false;
            }
          } else {
            if (!comment) {
              if (startPosition === null) {
                if (char === "#") {
                  comment = true;
                  continue;
                }
                let position = this.document.positionAt(offset + i);
                if (position.character !== 0) {
                  startPosition = vscode_languageserver_types_1.Position.create(position.line, 0);
                }
              }
              end = i;
            }
          }
        }
        if (startPosition === null) {
          ranges.push(vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + end), this.document.positionAt(offset + end + 1)));
        } else {
          ranges.push(vscode_languageserver_types_1.Range.create(startPosition, this.document.positionAt(offset + end + 1)));
        }
        return ranges;
      }
      getRawArgumentsContent() {
        let args = this.getArguments();
        if (args.length === 0) {
          return null;
        }
        return this.getRangeContent(vscode_languageserver_types_1.Range.create(args[0].getRange().start, args[args.length - 1].getRange().end));
      }
      getArgumentsContent() {
        let args = this.getArguments();
        if (args.length === 0) {
          return null;
        }
        let content = "";
        let ranges = this.getArgumentsRanges();
        let documentText = this.document.getText();
        for (let range of ranges) {
          content += documentText.substring(this.document.offsetAt(range.start), this.document.offsetAt(range.end));
        }
        return content;
      }
      getArguments() {
        return this.getRawArguments();
      }
      getRawArguments() {
        let args = [];
        let range = this.getInstructionRange();
        let extra = this.document.offsetAt(range.end) - this.document.offsetAt(range.start);
        let content = this.getTextContent();
        let fullArgs = content.substring(extra);
        let offset = this.document.offsetAt(range.start) + extra;
        let start = false;
        let comment = false;
        let found = -1;
        let escapedWhitespaceDetected = false;
        let escaping = false;
        let escapeMarker = -1;
        let escapedArg = "";
        for (let i = 0; i < fullArgs.length; i++) {
          let char = fullArgs.charAt(i);
          if (util_1.Util.isWhitespace(char)) {
            if (escaping) {
              escapedWhitespaceDetected = true;
              if (util_1.Util.isNewline(char)) {
                escapedWhitespaceDetected = false;
                if (comment) {
                  comment = false;
                  start = true;
                }
              }
              continue;
            } else if (found !== -1) {
              if (escapeMarker === -1) {
                args.push(new argument_1.Argument(escapedArg, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + found), this.document.positionAt(offset + i))));
              } else {
                args.push(new argument_1.Argument(escapedArg, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + found), this.document.positionAt(offset + escapeMarker))));
              }
              escapeMarker = -1;
              escapedArg = "";
              found = -1;
            }
          } else if (char === this.escapeChar) {
            let next = fullArgs.charAt(i + 1);
            if (next === " " || next === "	") {
              whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
                let newlineCheck = fullArgs.charAt(j);
                switch (newlineCheck) {
                  case " ":
                  case "	":
                    continue;
                  case "\r":
                    j++;
                  case "\n":
                    comment = false;
                    escaping = true;
                    start = true;
                    if (found !== -1) {
                      escapeMarker = i;
                    }
                    i = j;
                    break whitespaceCheck;
                  default:
                    escapeMarker = i;
                    if (found === -1) {
                      i = j - 1;
                    }
                    break whitespaceCheck;
                }
              }
            } else if (next === "\r") {
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1 && escapeMarker === -1) {
                escapeMarker = i;
              }
              i += 2;
            } else if (next === "\n") {
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1 && escapeMarker === -1) {
                escapeMarker = i;
              }
              i++;
            } else {
              if (escapedWhitespaceDetected && escapeMarker !== -1) {
                args.push(new argument_1.Argument(escapedArg, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + found), this.document.positionAt(offset + escapeMarker))));
                escapedArg = "";
                found = -1;
              }
              escapeMarker = -1;
              escapedWhitespaceDetected = false;
              escaping = false;
              if (next === "$") {
                escapedArg = escapedArg + char + next;
              } else if (next === "") {
                break;
              } else {
                escapedArg = escapedArg + next;
              }
              if (found === -1) {
                found = i;
              }
              i++;
            }
          } else if (!comment) {
            if (start && char === "#") {
              comment = true;
            } else {
              if (escapedWhitespaceDetected && escapeMarker !== -1) {
                args.push(new argument_1.Argument(escapedArg, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + found), this.document.positionAt(offset + escapeMarker))));
                escapedArg = "";
                found = -1;
              }
              escapedWhitespaceDetected = false;
              escaping = false;
              escapeMarker = -1;
              escapedArg = escapedArg + char;
              if (found === -1) {
                found = i;
              }
            }
            start = false;
          }
        }
        if (found !== -1) {
          if (escapeMarker === -1) {
            args.push(new argument_1.Argument(escapedArg, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + found), this.document.positionAt(offset + fullArgs.length))));
          } else {
            args.push(new argument_1.Argument(escapedArg, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + found), this.document.positionAt(offset + escapeMarker))));
          }
        }
        return args;
      }
      getExpandedArguments() {
        let args = this.getArguments();
        for (let i = 0; i < args.length; i++) {
          const argRange = args[i].getRange();
          let offset = this.document.offsetAt(argRange.start);
          const variables = this.parseVariables(offset, args[i].getValue());
          const swaps = [];
          let requiresExpansion = false;
          for (let variable of variables) {
            const value = this.dockerfile.resolveVariable(variable.getName(), variable.getNameRange().start.line);
            swaps.push(value);
            requiresExpansion = requiresExpansion || value !== void 0;
          }
          if (requiresExpansion) {
            let expanded = "";
            for (let j = 0; j < swaps.length; j++) {
              const variableRange = variables[j].getRange();
              const start = this.document.offsetAt(variableRange.start);
              const end = this.document.offsetAt(variableRange.end);
              if (swaps[j]) {
                expanded += this.document.getText().substring(offset, start);
                expanded += swaps[j];
                offset = end;
              } else {
                expanded += this.document.getText().substring(offset, end);
                offset = end;
              }
            }
            const argEnd = this.document.offsetAt(argRange.end);
            if (argEnd !== offset) {
              expanded += this.document.getText().substring(offset, argEnd);
            }
            args[i] = new argument_1.Argument(expanded, argRange);
          }
        }
        return args;
      }
      getVariables() {
        const variables = [];
        const args = this.getRawArguments();
        for (const arg of args) {
          let range = arg.getRange();
          let rawValue = this.document.getText().substring(this.document.offsetAt(range.start), this.document.offsetAt(range.end));
          const parsedVariables = this.parseVariables(this.document.offsetAt(arg.getRange().start), rawValue);
          for (const parsedVariable of parsedVariables) {
            variables.push(parsedVariable);
          }
        }
        return variables;
      }
      parseVariables(offset, arg) {
        let variables = [];
        variableLoop: for (let i = 0; i < arg.length; i++) {
          switch (arg.charAt(i)) {
            case this.escapeChar:
              if (arg.charAt(i + 1) === "$") {
                i++;
              }
              break;
            case "$":
              if (arg.charAt(i + 1) === "{") {
                let escapedString = "${";
                let escapedName = "";
                let nameEnd = -1;
                let escapedSubstitutionParameter = "";
                let substitutionStart = -1;
                let substitutionEnd = -1;
                let modifierRead = -1;
                nameLoop: for (let j = i + 2; j < arg.length; j++) {
                  let char = arg.charAt(j);
                  switch (char) {
                    case this.escapeChar:
                      for (let k = j + 1; k < arg.length; k++) {
                        switch (arg.charAt(k)) {
                          case " ":
                          case "	":
                          case "\r":
                            continue;
                          case "\n":
                            j = k;
                            continue nameLoop;
                        }
                      }
                      break;
                    case "}":
                      escapedString += "}";
                      let modifier = null;
                      let modifierRange = null;
                      let substitutionParameter = modifierRead !== -1 ? escapedSubstitutionParameter : null;
                      let substitutionRange = null;
                      if (nameEnd === -1) {
                        nameEnd = j;
                      } else if (nameEnd + 1 === j) {
                        modifier = "";
                        modifierRange = vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + nameEnd + 1), this.document.positionAt(offset + nameEnd + 1));
                      } else {
                        if (substitutionStart === -1) {
                          substitutionStart = modifierRead + 1;
                          substitutionEnd = modifierRead + 1;
                        } else {
                          substitutionEnd = substitutionEnd + 1;
                        }
                        modifier = arg.substring(modifierRead, modifierRead + 1);
                        modifierRange = vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + modifierRead), this.document.positionAt(offset + modifierRead + 1));
                        substitutionRange = vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + substitutionStart), this.document.positionAt(offset + substitutionEnd));
                      }
                      let start = this.document.positionAt(offset + i);
                      variables.push(new variable_1.Variable(escapedName, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + i + 2), this.document.positionAt(offset + nameEnd)), vscode_languageserver_types_1.Range.create(start, this.document.positionAt(offset + j + 1)), modifier, modifierRange, substitutionParameter, substitutionRange, this.dockerfile.resolveVariable(escapedName, start.line) !== void 0, this.isBuildVariable(escapedName, start.line), escapedString));
                      i = j;
                      continue variableLoop;
                    case ":":
                      if (nameEnd === -1) {
                        nameEnd = j;
                      } else if (modifierRead !== -1) {
                        if (substitutionStart === -1) {
                          substitutionStart = j;
                          substitutionEnd = j;
                        } else {
                          substitutionEnd = j;
                        }
                        escapedSubstitutionParameter += ":";
                      } else {
                        modifierRead = j;
                      }
                      escapedString += ":";
                      break;
                    case "\n":
                    case "\r":
                    case " ":
                    case "	":
                      break;
                    default:
                      if (nameEnd === -1) {
                        escapedName += char;
                      } else if (modifierRead !== -1) {
                        if (substitutionStart === -1) {
                          substitutionStart = j;
                          substitutionEnd = j;
                        } else {
                          substitutionEnd = j;
                        }
                        escapedSubstitutionParameter += char;
                      } else {
                        modifierRead = j;
                      }
                      escapedString += char;
                      break;
                  }
                }
                break variableLoop;
              } else if (util_1.Util.isWhitespace(arg.charAt(i + 1)) || i === arg.length - 1) {
                continue;
              } else {
                let escapedName = "";
                nameLoop: for (let j = i + 1; j < arg.length; j++) {
                  let char = arg.charAt(j);
                  switch (char) {
                    case "\r":
                    case "\n":
                    case " ":
                    case "	":
                      continue;
                    case "$":
                    case "'":
                    case '"':
                      let varStart = this.document.positionAt(offset + i);
                      variables.push(new variable_1.Variable(escapedName, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + i + 1), this.document.positionAt(offset + j)), vscode_languageserver_types_1.Range.create(varStart, this.document.positionAt(offset + j)), null, null, null, null, this.dockerfile.resolveVariable(escapedName, varStart.line) !== void 0, this.isBuildVariable(escapedName, varStart.line), "$" + escapedName));
                      i = j - 1;
                      continue variableLoop;
                    case this.escapeChar:
                      for (let k = j + 1; k < arg.length; k++) {
                        switch (arg.charAt(k)) {
                          case " ":
                          case "	":
                          case "\r":
                            continue;
                          case "\n":
                            j = k;
                            continue nameLoop;
                        }
                      }
                      let start2 = this.document.positionAt(offset + i);
                      variables.push(new variable_1.Variable(escapedName, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + i + 1), this.document.positionAt(offset + j)), vscode_languageserver_types_1.Range.create(start2, this.document.positionAt(offset + j)), null, null, null, null, this.dockerfile.resolveVariable(escapedName, start2.line) !== void 0, this.isBuildVariable(escapedName, start2.line), "$" + escapedName));
                      break variableLoop;
                  }
                  if (char.match(/^[a-z0-9_]+$/i) === null) {
                    let varStart = this.document.positionAt(offset + i);
                    variables.push(new variable_1.Variable(escapedName, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + i + 1), this.document.positionAt(offset + j)), vscode_languageserver_types_1.Range.create(varStart, this.document.positionAt(offset + j)), null, null, null, null, this.dockerfile.resolveVariable(escapedName, varStart.line) !== void 0, this.isBuildVariable(escapedName, varStart.line), "$" + escapedName));
                    i = j - 1;
                    continue variableLoop;
                  }
                  escapedName += char;
                }
                let start = this.document.positionAt(offset + i);
                variables.push(new variable_1.Variable(escapedName, vscode_languageserver_types_1.Range.create(this.document.positionAt(offset + i + 1), this.document.positionAt(offset + arg.length)), vscode_languageserver_types_1.Range.create(start, this.document.positionAt(offset + arg.length)), null, null, null, null, this.dockerfile.resolveVariable(escapedName, start.line) !== void 0, this.isBuildVariable(escapedName, start.line), "$" + escapedName));
              }
              break variableLoop;
          }
        }
        return variables;
      }
      isBuildVariable(variable, line) {
        if (this.getKeyword() === main_1.Keyword.FROM) {
          for (const initialArg of this.dockerfile.getInitialARGs()) {
            const arg = initialArg;
            const property = arg.getProperty();
            if (property && variable === property.getName()) {
              return true;
            }
          }
          return void 0;
        }
        let image = this.dockerfile.getContainingImage(vscode_languageserver_types_1.Position.create(line, 0));
        let envs = image.getENVs();
        for (let i = envs.length - 1; i >= 0; i--) {
          if (envs[i].isBefore(line)) {
            for (let property of envs[i].getProperties()) {
              if (property.getName() === variable) {
                return false;
              }
            }
          }
        }
        let args = image.getARGs();
        for (let i = args.length - 1; i >= 0; i--) {
          if (args[i].isBefore(line)) {
            let property = args[i].getProperty();
            if (property && property.getName() === variable) {
              return true;
            }
          }
        }
        return void 0;
      }
      createSingleLineHeredocs(args) {
        const heredocs = [];
        for (const arg of args) {
          const value = arg.getValue();
          if (value.startsWith("<<") && util_1.Util.parseHeredocName(value) !== null) {
            const startRange = arg.getRange();
            const nameRange = this.getNameRange(startRange);
            const name = this.getName(nameRange);
            heredocs.push(new heredoc_1.Heredoc(startRange, name, nameRange, null, null));
          }
        }
        return heredocs;
      }
      getName(nameRange) {
        const content = this.document.getText(nameRange);
        let escaping = false;
        let name = "";
        nameLoop: for (let i = 0; i < content.length; i++) {
          const ch = content.charAt(i);
          switch (ch) {
            case this.escapeChar:
              escaping = true;
              for (let j = i + 1; j < content.length; j++) {
                switch (content.charAt(j)) {
                  case " ":
                  case "	":
                    break;
                  case "\r":
                    i = j + 1;
                    continue nameLoop;
                  case "\n":
                    i = j;
                    continue nameLoop;
                  default:
                    name += content.charAt(j);
                    i = j;
                    continue nameLoop;
                }
              }
              break;
            case "#":
              if (escaping) {
                for (let j = i + 1; j < content.length; j++) {
                  switch (content.charAt(j)) {
                    case "\n":
                      i = j;
                      continue nameLoop;
                  }
                }
              }
            case " ":
            case "	":
            case "\r":
            case "\n":
              if (escaping) {
                break;
              }
            default:
              name += ch;
              break;
          }
        }
        return name;
      }
      getNameRange(startRange) {
        const content = this.document.getText(startRange);
        let endFound = false;
        let searchHyphen = false;
        let start = -1;
        let end = -1;
        let escaping = false;
        let quote2 = null;
        contentLoop: for (let i = 0; i < content.length; i++) {
          const ch = content.charAt(i);
          switch (ch) {
            case '"':
            case "'":
              if (quote2 === ch) {
                break contentLoop;
              }
              quote2 = ch;
              continue;
            case this.escapeChar:
              for (let j = i + 1; j < content.length; j++) {
                switch (content.charAt(j)) {
                  case "\n":
                    escaping = true;
                    j = i;
                    continue contentLoop;
                }
              }
              break;
            case " ":
            case "	":
            case "\r":
            case "\n":
              break;
            case "<":
              if (endFound) {
                searchHyphen = true;
              } else {
                endFound = true;
              }
              break;
            case "-":
              if (searchHyphen) {
                searchHyphen = false;
                break;
              }
            case "#":
              if (escaping) {
                for (let j = i + 1; j < content.length; j++) {
                  switch (content.charAt(j)) {
                    case "\n":
                      i = j;
                      continue contentLoop;
                  }
                }
              }
            default:
              if (start === -1) {
                start = i;
              }
              if (quote2 !== null) {
                end = i + 1;
                break;
              }
              break contentLoop;
          }
        }
        if (start === -1) {
          return vscode_languageserver_types_1.Range.create(startRange.end, startRange.end);
        }
        const nameStart = this.document.positionAt(this.document.offsetAt(startRange.start) + start);
        const nameEnd = quote2 !== null ? this.document.positionAt(this.document.offsetAt(startRange.start) + end) : startRange.end;
        return vscode_languageserver_types_1.Range.create(nameStart, nameEnd);
      }
      getHeredocs() {
        const args = this.getArguments();
        if (args.length === 0) {
          return [];
        }
        const heredocs = [];
        const range = this.getRange();
        if (range.start.line === range.end.line) {
          return this.createSingleLineHeredocs(args);
        }
        const heredocDefinitions = [];
        let heredocsProcessed = false;
        let escaping = false;
        let contentStart = -1;
        let contentEnd = -1;
        let lineStart = -1;
        let currentHeredoc = 0;
        const startOffset = this.document.offsetAt(args[0].getRange().start);
        const content = this.getRangeContent(vscode_languageserver_types_1.Range.create(args[0].getRange().start, this.getRange().end));
        contentLoop: for (let i = 0; i < content.length; i++) {
          switch (content.charAt(i)) {
            case this.escapeChar:
              escaping = true;
              for (let j = i + 1; j < content.length; j++) {
                switch (content.charAt(j)) {
                  case " ":
                  case "	":
                    break;
                  case "\r":
                    j++;
                  case "\n":
                    i = j;
                    continue contentLoop;
                  default:
                    i = j;
                    continue contentLoop;
                }
              }
              break;
            case "\r":
              break;
            case "\n":
              if (escaping) {
                break;
              }
              if (heredocsProcessed) {
                if (contentStart === -1) {
                  contentStart = i;
                }
                contentEnd = i;
                const arg = heredocDefinitions[currentHeredoc];
                const startRange = arg.getRange();
                const nameRange = this.getNameRange(startRange);
                const name = this.getName(nameRange);
                const delimiterRange = this.getDelimiterRange(arg, name, vscode_languageserver_types_1.Range.create(this.document.positionAt(startOffset + lineStart), this.document.positionAt(startOffset + i)));
                if (delimiterRange !== null) {
                  const contentRange = vscode_languageserver_types_1.Range.create(this.document.positionAt(startOffset + contentStart), this.document.positionAt(startOffset + lineStart - 1));
                  heredocs.push(new heredoc_1.Heredoc(startRange, name, nameRange, contentRange, delimiterRange));
                  contentStart = -1;
                  currentHeredoc++;
                }
                lineStart = -1;
              } else {
                const offsetLimit = startOffset + i;
                for (const arg of args) {
                  if (this.document.offsetAt(arg.getRange().start) < offsetLimit) {
                    if (arg.getValue().startsWith("<<")) {
                      heredocDefinitions.push(arg);
                    }
                  } else {
                    break;
                  }
                }
                heredocsProcessed = true;
                lineStart = -1;
                continue contentLoop;
              }
              break;
            case " ":
            case "	":
              if (escaping) {
                break;
              }
            case "#":
              if (escaping) {
                for (let j = i + 1; j < content.length; j++) {
                  switch (content.charAt(j)) {
                    case "\n":
                      i = j;
                      continue contentLoop;
                  }
                }
              }
            default:
              if (escaping) {
                escaping = false;
              }
              if (heredocsProcessed) {
                if (contentStart === -1) {
                  contentStart = i;
                }
                if (lineStart === -1) {
                  lineStart = i;
                }
              }
              break;
          }
        }
        if (heredocsProcessed) {
          const arg = heredocDefinitions[currentHeredoc];
          const startRange = arg.getRange();
          const nameRange = this.getNameRange(startRange);
          const name = this.getName(nameRange);
          let contentRange = null;
          const delimiterRange = this.getDelimiterRange(arg, name, vscode_languageserver_types_1.Range.create(this.document.positionAt(startOffset + lineStart), range.end));
          if (delimiterRange === null) {
            contentRange = vscode_languageserver_types_1.Range.create(this.document.positionAt(startOffset + contentStart), range.end);
          } else if (contentEnd !== -1) {
            contentRange = vscode_languageserver_types_1.Range.create(this.document.positionAt(startOffset + contentStart), this.document.positionAt(startOffset + contentEnd));
          }
          heredocs.push(new heredoc_1.Heredoc(startRange, name, nameRange, contentRange, delimiterRange));
          currentHeredoc++;
          for (let i = currentHeredoc; i < heredocDefinitions.length; i++) {
            const arg2 = heredocDefinitions[currentHeredoc];
            const startRange2 = arg2.getRange();
            const nameRange2 = this.getNameRange(startRange2);
            const name2 = this.getName(nameRange2);
            heredocs.push(new heredoc_1.Heredoc(startRange2, name2, nameRange2, null, null));
            currentHeredoc++;
          }
        } else {
          return this.createSingleLineHeredocs(args);
        }
        return heredocs;
      }
      getDelimiterRange(startArg, name, candidateRange) {
        const text = this.document.getText(candidateRange);
        if (startArg.getValue().startsWith("<<-")) {
          let index = 0;
          while (text.charAt(index) === "	") {
            index++;
          }
          if (text.substring(index) === name) {
            return vscode_languageserver_types_1.Range.create(vscode_languageserver_types_1.Position.create(candidateRange.start.line, index), candidateRange.end);
          }
          return null;
        }
        return text === name ? candidateRange : null;
      }
    };
    exports.Instruction = Instruction;
  }
});

// node_modules/dockerfile-ast/lib/flagOption.js
var require_flagOption = __commonJS({
  "node_modules/dockerfile-ast/lib/flagOption.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.FlagOption = void 0;
    var FlagOption = class {
      constructor(range, name, nameRange, value, valueRange) {
        this.range = range;
        this.name = name;
        this.nameRange = nameRange;
        this.value = value;
        this.valueRange = valueRange;
      }
      toString() {
        if (this.valueRange !== null) {
          return this.name + "=" + this.value;
        }
        return this.name;
      }
      getRange() {
        return this.range;
      }
      getName() {
        return this.name;
      }
      getNameRange() {
        return this.nameRange;
      }
      getValue() {
        return this.value;
      }
      getValueRange() {
        return this.valueRange;
      }
    };
    exports.FlagOption = FlagOption;
  }
});

// node_modules/dockerfile-ast/lib/flag.js
var require_flag = __commonJS({
  "node_modules/dockerfile-ast/lib/flag.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Flag = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var flagOption_1 = require_flagOption();
    var Flag = class {
      constructor(document, range, name, nameRange, value, valueRange) {
        this.options = [];
        this.range = range;
        this.name = name;
        this.nameRange = nameRange;
        this.value = value;
        this.valueRange = valueRange;
        if (this.value !== null) {
          let offset = document.offsetAt(valueRange.start);
          let nameStart = -1;
          let valueStart = -1;
          let hasOptions = false;
          for (let i = 0; i < value.length; i++) {
            switch (value.charAt(i)) {
              case "=":
                hasOptions = true;
                if (valueStart === -1) {
                  valueStart = i + 1;
                  break;
                }
                break;
              case ",":
                this.options.push(this.createFlagOption(document, value, offset, nameStart, valueStart, i));
                nameStart = -1;
                valueStart = -1;
                break;
              default:
                if (nameStart === -1) {
                  nameStart = i;
                }
                break;
            }
          }
          if (hasOptions && nameStart !== -1) {
            this.options.push(this.createFlagOption(document, value, offset, nameStart, valueStart, value.length));
          }
        }
      }
      createFlagOption(document, content, documentOffset, nameStart, valueStart, valueEnd) {
        const optionRange = vscode_languageserver_types_1.Range.create(document.positionAt(documentOffset + nameStart), document.positionAt(documentOffset + valueEnd));
        if (valueStart === -1) {
          return new flagOption_1.FlagOption(optionRange, content.substring(nameStart, valueEnd), optionRange, null, null);
        }
        return new flagOption_1.FlagOption(optionRange, content.substring(nameStart, valueStart - 1), vscode_languageserver_types_1.Range.create(document.positionAt(documentOffset + nameStart), document.positionAt(documentOffset + valueStart - 1)), content.substring(valueStart, valueEnd), vscode_languageserver_types_1.Range.create(document.positionAt(documentOffset + valueStart), document.positionAt(documentOffset + valueEnd)));
      }
      toString() {
        if (this.valueRange) {
          return "--" + this.name + "=" + this.value;
        }
        return "--" + this.name;
      }
      /**
       * Returns the range that encompasses this entire flag. This includes the
       * -- prefix in the beginning to the last character of the flag's value (if
       * it has been defined).
       *
       * @return the entire range of this flag
       */
      getRange() {
        return this.range;
      }
      /**
       * Returns the name of this flag. The name does not include the -- prefix.
       * Thus, for HEALTHCHECK's --interval flag, interval is the flag's name and
       * not --interval.
       *
       * @return this flag's name
       */
      getName() {
        return this.name;
      }
      /**
       * Returns the range that encompasses the flag's name
       *
       * @return the range containing the flag's name
       */
      getNameRange() {
        return this.nameRange;
      }
      /**
       * Returns the value that has been set to this flag. May be null if the
       * flag is invalid and has no value set like a --start-period. If the flag
       * is instead a --start-period= with an equals sign then the flag's value
       * is the empty string.
       *
       * @return this flag's value if it has been defined, null otherwise
       */
      getValue() {
        return this.value;
      }
      /**
       * Returns the range that encompasses this flag's value. If no value has
       * been set then null will be returned.
       *
       * @return the range containing this flag's value, or null if the flag
       *         has no value defined
       */
      getValueRange() {
        return this.valueRange;
      }
      getOption(name) {
        for (const option of this.options) {
          if (option.getName() === name) {
            return option;
          }
        }
        return null;
      }
      getOptions() {
        return this.options;
      }
      hasOptions() {
        return this.options.length > 0;
      }
    };
    exports.Flag = Flag;
  }
});

// node_modules/dockerfile-ast/lib/modifiableInstruction.js
var require_modifiableInstruction = __commonJS({
  "node_modules/dockerfile-ast/lib/modifiableInstruction.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ModifiableInstruction = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var flag_1 = require_flag();
    var instruction_1 = require_instruction();
    var ModifiableInstruction = class extends instruction_1.Instruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      getFlags() {
        if (!this.flags) {
          this.flags = [];
          for (let arg of this.getArguments()) {
            let value = arg.getValue();
            if (this.stopSearchingForFlags(value)) {
              return this.flags;
            } else if (value.indexOf("--") === 0) {
              let range = arg.getRange();
              let rawValue = this.document.getText().substring(this.document.offsetAt(range.start), this.document.offsetAt(range.end));
              let nameIndex = value.indexOf("=");
              let index = rawValue.indexOf("=");
              let firstMatch = false;
              let secondMatch = false;
              let startIndex = -1;
              nameSearchLoop: for (let i = 0; i < rawValue.length; i++) {
                switch (rawValue.charAt(i)) {
                  case "\\":
                  case " ":
                  case "	":
                  case "\r":
                  case "\n":
                    break;
                  case "-":
                    if (secondMatch) {
                      startIndex = i;
                      break nameSearchLoop;
                    } else if (firstMatch) {
                      secondMatch = true;
                    } else {
                      firstMatch = true;
                    }
                    break;
                  default:
                    startIndex = i;
                    break nameSearchLoop;
                }
              }
              let nameStart = this.document.positionAt(this.document.offsetAt(range.start) + startIndex);
              if (index === -1) {
                this.flags.push(new flag_1.Flag(this.document, range, value.substring(2), vscode_languageserver_types_1.Range.create(nameStart, range.end), null, null));
              } else if (index === value.length - 1) {
                let nameEnd = this.document.positionAt(this.document.offsetAt(range.start) + index);
                this.flags.push(new flag_1.Flag(this.document, range, value.substring(2, index), vscode_languageserver_types_1.Range.create(nameStart, nameEnd), "", vscode_languageserver_types_1.Range.create(range.end, range.end)));
              } else {
                let nameEnd = this.document.positionAt(this.document.offsetAt(range.start) + index);
                this.flags.push(new flag_1.Flag(this.document, range, value.substring(2, nameIndex), vscode_languageserver_types_1.Range.create(nameStart, nameEnd), value.substring(nameIndex + 1), vscode_languageserver_types_1.Range.create(this.document.positionAt(this.document.offsetAt(range.start) + index + 1), range.end)));
              }
            }
          }
        }
        return this.flags;
      }
      getArguments() {
        const args = super.getArguments();
        const flags = this.getFlags();
        if (flags.length === 0) {
          return args;
        }
        for (let i = 0; i < flags.length; i++) {
          args.shift();
        }
        return args;
      }
    };
    exports.ModifiableInstruction = ModifiableInstruction;
  }
});

// node_modules/dockerfile-ast/lib/jsonInstruction.js
var require_jsonInstruction = __commonJS({
  "node_modules/dockerfile-ast/lib/jsonInstruction.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.JSONInstruction = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var argument_1 = require_argument();
    var jsonArgument_1 = require_jsonArgument();
    var modifiableInstruction_1 = require_modifiableInstruction();
    var JSONInstruction = class extends modifiableInstruction_1.ModifiableInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
        this.openingBracket = null;
        this.closingBracket = null;
        this.jsonStrings = [];
        const argsContent = this.getRawArgumentsContent();
        if (argsContent === null) {
          return;
        }
        const args = this.getArguments();
        if (args.length === 1 && args[0].getValue() === "[]") {
          let argRange = args[0].getRange();
          this.openingBracket = new argument_1.Argument("[", vscode_languageserver_types_1.Range.create(argRange.start.line, argRange.start.character, argRange.start.line, argRange.start.character + 1));
          this.closingBracket = new argument_1.Argument("]", vscode_languageserver_types_1.Range.create(argRange.start.line, argRange.start.character + 1, argRange.end.line, argRange.end.character));
          return;
        } else if (args.length === 2 && args[0].getValue() === "[" && args[1].getValue() === "]") {
          this.openingBracket = args[0];
          this.closingBracket = args[1];
          return;
        }
        const argsOffset = document.offsetAt(this.getArgumentsRange().start);
        let start = -1;
        let last = "";
        let quoted = false;
        let escapedArg = "";
        argsCheck: for (let i = 0; i < argsContent.length; i++) {
          let char = argsContent.charAt(i);
          switch (char) {
            case "[":
              if (last === "") {
                this.openingBracket = new argument_1.Argument("[", vscode_languageserver_types_1.Range.create(document.positionAt(argsOffset + i), document.positionAt(argsOffset + i + 1)));
                last = "[";
              } else if (quoted) {
                escapedArg = escapedArg + char;
              } else {
                break argsCheck;
              }
              break;
            case '"':
              if (last === "[" || last === ",") {
                start = i;
                quoted = true;
                last = '"';
                escapedArg = escapedArg + char;
                continue;
              } else if (last === '"') {
                if (quoted) {
                  escapedArg = escapedArg + char;
                  quoted = false;
                  this.jsonStrings.push(new jsonArgument_1.JSONArgument(escapedArg, vscode_languageserver_types_1.Range.create(document.positionAt(argsOffset + start), document.positionAt(argsOffset + i + 1)), vscode_languageserver_types_1.Range.create(document.positionAt(argsOffset + start + 1), document.positionAt(argsOffset + i))));
                  escapedArg = "";
                } else {
                  break argsCheck;
                }
              } else {
                break argsCheck;
              }
              break;
            case ",":
              if (quoted) {
                escapedArg = escapedArg + char;
              } else {
                if (last === '"') {
                  last = ",";
                } else {
                  break argsCheck;
                }
              }
              break;
            case "]":
              if (quoted) {
                escapedArg = escapedArg + char;
              } else if (last !== "") {
                this.closingBracket = new argument_1.Argument("]", vscode_languageserver_types_1.Range.create(document.positionAt(argsOffset + i), document.positionAt(argsOffset + i + 1)));
                break argsCheck;
              }
              break;
            case " ":
            case "	":
              break;
            case "\\":
              if (quoted) {
                switch (argsContent.charAt(i + 1)) {
                  case '"':
                  case "\\":
                    escapedArg = escapedArg + argsContent.charAt(i + 1);
                    i++;
                    continue;
                  case " ":
                  case "	":
                    escapeCheck: for (let j = i + 2; j < argsContent.length; j++) {
                      switch (argsContent.charAt(j)) {
                        case "\r":
                          j++;
                        case "\n":
                          i = j;
                          continue argsCheck;
                        case " ":
                        case "	":
                          break;
                        default:
                          break escapeCheck;
                      }
                    }
                    break;
                  case "\r":
                    i++;
                  default:
                    i++;
                    continue;
                }
              } else {
                escapeCheck: for (let j = i + 1; j < argsContent.length; j++) {
                  switch (argsContent.charAt(j)) {
                    case "\r":
                      j++;
                    case "\n":
                      i = j;
                      continue argsCheck;
                    case " ":
                    case "	":
                      break;
                    default:
                      break escapeCheck;
                  }
                }
              }
              break argsCheck;
            default:
              if (!quoted) {
                break argsCheck;
              }
              escapedArg = escapedArg + char;
              break;
          }
        }
      }
      stopSearchingForFlags(_value) {
        return true;
      }
      getOpeningBracket() {
        return this.openingBracket;
      }
      getJSONStrings() {
        return this.jsonStrings;
      }
      getClosingBracket() {
        return this.closingBracket;
      }
    };
    exports.JSONInstruction = JSONInstruction;
  }
});

// node_modules/dockerfile-ast/lib/instructions/add.js
var require_add = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/add.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Add = void 0;
    var jsonInstruction_1 = require_jsonInstruction();
    var Add2 = class extends jsonInstruction_1.JSONInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      stopSearchingForFlags(argument) {
        return argument.indexOf("--") === -1;
      }
    };
    exports.Add = Add2;
  }
});

// node_modules/dockerfile-ast/lib/property.js
var require_property = __commonJS({
  "node_modules/dockerfile-ast/lib/property.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Property = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var util_1 = require_util();
    var Property = class _Property {
      constructor(document, escapeChar, arg, arg2) {
        this.assignmentOperatorRange = null;
        this.assignmentOperator = null;
        this.valueRange = null;
        this.value = null;
        this.document = document;
        this.escapeChar = escapeChar;
        this.nameRange = _Property.getNameRange(document, arg);
        let value = document.getText().substring(document.offsetAt(this.nameRange.start), document.offsetAt(this.nameRange.end));
        this.name = _Property.getValue(value, escapeChar);
        if (arg2) {
          this.valueRange = arg2.getRange();
          value = document.getText().substring(document.offsetAt(this.valueRange.start), document.offsetAt(this.valueRange.end));
          this.value = _Property.getValue(value, escapeChar);
          this.range = vscode_languageserver_types_1.Range.create(this.nameRange.start, this.valueRange.end);
        } else {
          let argRange = arg.getRange();
          if (this.nameRange.start.line === argRange.start.line && this.nameRange.start.character === argRange.start.character && this.nameRange.end.line === argRange.end.line && this.nameRange.end.character === argRange.end.character) {
          } else {
            this.valueRange = _Property.getValueRange(document, arg);
            value = document.getText().substring(document.offsetAt(this.valueRange.start), document.offsetAt(this.valueRange.end));
            this.value = _Property.getValue(value, escapeChar);
            this.assignmentOperatorRange = vscode_languageserver_types_1.Range.create(this.nameRange.end, this.valueRange.start);
            this.assignmentOperator = "=";
          }
          this.range = argRange;
        }
      }
      getRange() {
        return this.range;
      }
      getName() {
        return this.name;
      }
      getNameRange() {
        return this.nameRange;
      }
      getValue() {
        return this.value;
      }
      getValueRange() {
        return this.valueRange;
      }
      /**
       * Retrieves the operator used for delimiting between the name and
       * value of this property. This will either be the "=" character
       * or null if a character was not used or if this property has no
       * value defined.
       */
      getAssignmentOperator() {
        return this.assignmentOperator;
      }
      getAssignmentOperatorRange() {
        return this.assignmentOperatorRange;
      }
      /**
       * Returns the value of this property including any enclosing
       * single or double quotes and relevant escape characters.
       * Escaped newlines and its associated contiguous whitespace
       * characters however will not be returned as they are deemed to
       * be uninteresting to clients trying to return a Dockerfile.
       *
       * @return the unescaped value of this property or null if this
       *         property has no associated value
       */
      getUnescapedValue() {
        if (this.valueRange === null) {
          return null;
        }
        let escaped = false;
        let rawValue = "";
        let value = this.document.getText().substring(this.document.offsetAt(this.valueRange.start), this.document.offsetAt(this.valueRange.end));
        rawLoop: for (let i = 0; i < value.length; i++) {
          let char = value.charAt(i);
          switch (char) {
            case this.escapeChar:
              for (let j = i + 1; j < value.length; j++) {
                switch (value.charAt(j)) {
                  case "\r":
                    j++;
                  case "\n":
                    escaped = true;
                    i = j;
                    continue rawLoop;
                  case " ":
                  case "	":
                    break;
                  default:
                    rawValue = rawValue + char;
                    continue rawLoop;
                }
              }
              rawValue = rawValue + char;
              break;
            case "\r":
            case "\n":
              break;
            case " ":
            case "	":
              if (!escaped) {
                rawValue = rawValue + char;
              }
              break;
            case "#":
              if (escaped) {
                for (let j = i + 1; j < value.length; j++) {
                  switch (value.charAt(j)) {
                    case "\r":
                      j++;
                    case "\n":
                      i = j;
                      continue rawLoop;
                  }
                }
              } else {
                rawValue = rawValue + char;
              }
              break;
            default:
              rawValue = rawValue + char;
              escaped = false;
              break;
          }
        }
        return rawValue;
      }
      static getNameRange(document, arg) {
        let value = arg.getValue();
        let index = value.indexOf("=");
        if (index !== -1) {
          let initial = value.charAt(0);
          let before = value.charAt(index - 1);
          if (initial === '"' && before === '"' || initial === "'" && before === "'" || initial !== '"' && initial !== "'") {
            return vscode_languageserver_types_1.Range.create(arg.getRange().start, document.positionAt(document.offsetAt(arg.getRange().start) + index));
          }
        }
        return arg.getRange();
      }
      static getValueRange(document, arg) {
        return vscode_languageserver_types_1.Range.create(document.positionAt(document.offsetAt(arg.getRange().start) + arg.getValue().indexOf("=") + 1), document.positionAt(document.offsetAt(arg.getRange().end)));
      }
      /**
       * Returns the actual value of this key-value pair. The value will
       * have its escape characters removed if applicable. If the value
       * spans multiple lines and there are comments nested within the
       * lines, they too will be removed.
       *
       * @return the value that this key-value pair will actually be, may
       *         be null if no value is defined, may be the empty string
       *         if the value only consists of whitespace
       */
      static getValue(value, escapeChar) {
        let escaped = false;
        const skip = util_1.Util.findLeadingNonWhitespace(value, escapeChar);
        if (skip !== 0 && value.charAt(skip) === "#") {
          escaped = true;
        }
        value = value.substring(skip);
        let first = value.charAt(0);
        let last = value.charAt(value.length - 1);
        let literal = first === "'" || first === '"';
        let inSingle = first === "'" && last === "'";
        let inDouble = false;
        if (first === '"') {
          for (let i = 1; i < value.length; i++) {
            if (value.charAt(i) === escapeChar) {
              i++;
            } else if (value.charAt(i) === '"' && i === value.length - 1) {
              inDouble = true;
            }
          }
        }
        if (inSingle || inDouble) {
          value = value.substring(1, value.length - 1);
        }
        let commentCheck = -1;
        let escapedValue = "";
        let start = 0;
        parseValue: for (let i = 0; i < value.length; i++) {
          let char = value.charAt(i);
          switch (char) {
            case escapeChar:
              if (i + 1 === value.length) {
                escapedValue = escapedValue + escapeChar;
                break parseValue;
              }
              char = value.charAt(i + 1);
              if (char === " " || char === "	") {
                whitespaceCheck: for (let j = i + 2; j < value.length; j++) {
                  let char2 = value.charAt(j);
                  switch (char2) {
                    case " ":
                    case "	":
                      break;
                    case "\r":
                      j++;
                    case "\n":
                      escaped = true;
                      i = j;
                      continue parseValue;
                    default:
                      if (!inDouble && !inSingle && !literal) {
                        if (char2 === escapeChar) {
                          escapedValue = escapedValue + char;
                          i = i + 1;
                        } else {
                          escapedValue = escapedValue + char + char2;
                          i = j;
                        }
                        continue parseValue;
                      }
                      break whitespaceCheck;
                  }
                }
              }
              if (inDouble) {
                if (char === "\r") {
                  escaped = true;
                  i = i + 2;
                } else if (char === "\n") {
                  escaped = true;
                  i++;
                } else if (char !== '"') {
                  if (char === escapeChar) {
                    i++;
                  }
                  escapedValue = escapedValue + escapeChar;
                }
                continue parseValue;
              } else if (inSingle || literal) {
                if (char === "\r") {
                  escaped = true;
                  i = i + 2;
                } else if (char === "\n") {
                  escaped = true;
                  i++;
                } else {
                  escapedValue = escapedValue + escapeChar;
                }
                continue parseValue;
              } else if (char === escapeChar) {
                escapedValue = escapedValue + escapeChar;
                i++;
              } else if (char === "\r") {
                escaped = true;
                i = i + 2;
              } else if (char === "\n") {
                escaped = true;
                i++;
                start = i;
              } else {
                escapedValue = escapedValue + char;
                i++;
              }
              break;
            case " ":
            case "	":
              if (escaped && commentCheck === -1) {
                commentCheck = i;
              }
              escapedValue = escapedValue + char;
              break;
            case "\r":
              i++;
            case "\n":
              if (escaped && commentCheck !== -1) {
                escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck - 1));
                commentCheck = -1;
              }
              break;
            case "#":
              if (escaped) {
                if (commentCheck !== -1) {
                  escapedValue = escapedValue.substring(0, escapedValue.length - (i - commentCheck));
                  commentCheck = -1;
                }
                newlineCheck: for (let j = i + 1; j < value.length; j++) {
                  switch (value.charAt(j)) {
                    case "\r":
                      j++;
                    case "\n":
                      i = j;
                      break newlineCheck;
                  }
                }
                continue parseValue;
              }
            default:
              if (escaped) {
                escaped = false;
                commentCheck = -1;
              }
              escapedValue = escapedValue + char;
              break;
          }
        }
        return escapedValue;
      }
    };
    exports.Property = Property;
  }
});

// node_modules/dockerfile-ast/lib/propertyInstruction.js
var require_propertyInstruction = __commonJS({
  "node_modules/dockerfile-ast/lib/propertyInstruction.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.PropertyInstruction = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var instruction_1 = require_instruction();
    var property_1 = require_property();
    var argument_1 = require_argument();
    var util_1 = require_util();
    var PropertyInstruction = class extends instruction_1.Instruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
        this.properties = void 0;
      }
      getProperties() {
        if (this.properties === void 0) {
          let args = this.getPropertyArguments();
          if (args.length === 0) {
            this.properties = [];
          } else if (args.length === 1) {
            this.properties = [new property_1.Property(this.document, this.escapeChar, args[0])];
          } else if (args.length === 2) {
            if (args[0].getValue().indexOf("=") === -1) {
              this.properties = [new property_1.Property(this.document, this.escapeChar, args[0], args[1])];
            } else {
              this.properties = [
                new property_1.Property(this.document, this.escapeChar, args[0]),
                new property_1.Property(this.document, this.escapeChar, args[1])
              ];
            }
          } else if (args[0].getValue().indexOf("=") === -1) {
            let text = this.document.getText();
            let start = args[1].getRange().start;
            let end = args[args.length - 1].getRange().end;
            text = text.substring(this.document.offsetAt(start), this.document.offsetAt(end));
            this.properties = [new property_1.Property(this.document, this.escapeChar, args[0], new argument_1.Argument(text, vscode_languageserver_types_1.Range.create(args[1].getRange().start, args[args.length - 1].getRange().end)))];
          } else {
            this.properties = [];
            for (let i = 0; i < args.length; i++) {
              this.properties.push(new property_1.Property(this.document, this.escapeChar, args[i]));
            }
          }
        }
        return this.properties;
      }
      /**
       * Goes from the back of the string and returns the first
       * non-whitespace character that is found. If an escape character
       * is found with newline characters, the escape character will
       * not be considered a non-whitespace character and its index in
       * the string will not be returned.
       *
       * @param content the string to search through
       * @return the index in the string for the first non-whitespace
       *         character when searching from the end of the string
       */
      findTrailingNonWhitespace(content) {
        let index = content.length;
        whitespaceCheck: for (let i = content.length - 1; i >= 0; i--) {
          switch (content.charAt(i)) {
            case " ":
            case "	":
              continue;
            case "\n":
              if (content.charAt(i - 1) === "\r") {
                i = i - 1;
              }
            case "\r":
              newlineCheck: for (let j = i - 1; j >= 0; j--) {
                switch (content.charAt(j)) {
                  case " ":
                  case "	":
                  case "\r":
                  case "\n":
                  case this.escapeChar:
                    continue;
                  default:
                    index = j;
                    break newlineCheck;
                }
              }
              break whitespaceCheck;
            default:
              index = i;
              break whitespaceCheck;
          }
        }
        return index;
      }
      getPropertyArguments() {
        const args = [];
        let range = this.getInstructionRange();
        let instructionNameEndOffset = this.document.offsetAt(range.end);
        let extra = instructionNameEndOffset - this.document.offsetAt(range.start);
        let content = this.getTextContent();
        let fullArgs = content.substring(extra);
        let start = util_1.Util.findLeadingNonWhitespace(fullArgs, this.escapeChar);
        if (start === -1) {
          return [];
        }
        const startPosition = this.document.positionAt(instructionNameEndOffset + start);
        let escaped = range.start.line !== startPosition.line;
        let endingEscape = false;
        let mark = -1;
        let end = this.findTrailingNonWhitespace(fullArgs);
        content = fullArgs.substring(start, end + 1);
        let argStart = escaped ? -1 : 0;
        let spaced = false;
        argumentLoop: for (let i = 0; i < content.length; i++) {
          let char = content.charAt(i);
          switch (char) {
            case this.escapeChar:
              if (i + 1 === content.length) {
                endingEscape = true;
                break argumentLoop;
              }
              if (!escaped) {
                mark = i;
              }
              switch (content.charAt(i + 1)) {
                case " ":
                case "	":
                  if (!util_1.Util.isWhitespace(content.charAt(i + 2))) {
                    i = i + 1;
                    continue argumentLoop;
                  }
                  whitespaceCheck: for (let j = i + 2; j < content.length; j++) {
                    switch (content.charAt(j)) {
                      case "\r":
                        j++;
                      case "\n":
                        escaped = true;
                        i = j;
                        continue argumentLoop;
                      case " ":
                      case "	":
                        break;
                      default:
                        args.push(new argument_1.Argument(content.substring(argStart, i), vscode_languageserver_types_1.Range.create(this.document.positionAt(instructionNameEndOffset + start + argStart), this.document.positionAt(instructionNameEndOffset + start + i + 2))));
                        argStart = j;
                        break whitespaceCheck;
                    }
                  }
                  i = argStart - 1;
                  continue argumentLoop;
                case "\r":
                  i++;
                case "\n":
                  escaped = true;
                  i = i + 1;
                  continue argumentLoop;
                case this.escapeChar:
                  if (argStart === -1) {
                    argStart = i;
                  }
                  i = i + 1;
                  continue argumentLoop;
                default:
                  if (argStart === -1) {
                    argStart = i;
                  }
                  continue argumentLoop;
              }
            case "'":
            case '"':
              if (spaced) {
                this.createSpacedArgument(argStart, args, content, mark, instructionNameEndOffset, start);
                argStart = i;
                spaced = false;
              }
              if (argStart === -1) {
                argStart = i;
              }
              for (let j = i + 1; j < content.length; j++) {
                switch (content.charAt(j)) {
                  case char:
                    if (content.charAt(j + 1) !== " " && content.charAt(j + 1) !== "") {
                      i = j;
                      continue argumentLoop;
                    }
                    args.push(new argument_1.Argument(content.substring(argStart, j + 1), vscode_languageserver_types_1.Range.create(this.document.positionAt(instructionNameEndOffset + start + argStart), this.document.positionAt(instructionNameEndOffset + start + j + 1))));
                    i = j;
                    argStart = -1;
                    continue argumentLoop;
                  case this.escapeChar:
                    j++;
                    break;
                }
              }
              break argumentLoop;
            case " ":
            case "	":
              if (escaped) {
                if (argStart !== -1) {
                  spaced = true;
                }
              } else if (argStart !== -1) {
                args.push(new argument_1.Argument(content.substring(argStart, i), vscode_languageserver_types_1.Range.create(this.document.positionAt(instructionNameEndOffset + start + argStart), this.document.positionAt(instructionNameEndOffset + start + i))));
                argStart = -1;
              }
              break;
            case "\r":
              i++;
            case "\n":
              spaced = false;
              break;
            case "#":
              if (escaped) {
                for (let j = i + 1; j < content.length; j++) {
                  switch (content.charAt(j)) {
                    case "\r":
                      j++;
                    case "\n":
                      i = j;
                      spaced = false;
                      continue argumentLoop;
                  }
                }
                if (argStart !== -1) {
                  let value = content.substring(argStart, mark);
                  args.push(new argument_1.Argument(value, vscode_languageserver_types_1.Range.create(this.document.positionAt(instructionNameEndOffset + start + argStart), this.document.positionAt(instructionNameEndOffset + start + mark))));
                  argStart = -1;
                }
                break argumentLoop;
              } else if (argStart === -1) {
                argStart = i;
              }
              break;
            default:
              if (spaced) {
                this.createSpacedArgument(argStart, args, content, mark, instructionNameEndOffset, start);
                argStart = i;
                spaced = false;
              }
              escaped = false;
              if (argStart === -1) {
                argStart = i;
              }
              if (char === "$" && content.charAt(i + 1) === "{") {
                let singleQuotes = false;
                let doubleQuotes = false;
                let escaped2 = false;
                for (let j = i + 1; j < content.length; j++) {
                  switch (content.charAt(j)) {
                    case this.escapeChar:
                      escaped2 = true;
                      break;
                    case "\r":
                    case "\n":
                      break;
                    case "'":
                      singleQuotes = !singleQuotes;
                      escaped2 = false;
                      break;
                    case '"':
                      doubleQuotes = !doubleQuotes;
                      escaped2 = false;
                      break;
                    case " ":
                    case "	":
                      if (escaped2 || singleQuotes || doubleQuotes) {
                        break;
                      }
                      i = j - 1;
                      continue argumentLoop;
                    case "}":
                      i = j;
                      continue argumentLoop;
                    default:
                      escaped2 = false;
                      break;
                  }
                }
                break argumentLoop;
              }
              break;
          }
        }
        if (argStart !== -1 && argStart !== content.length) {
          let end2 = endingEscape ? content.length - 1 : content.length;
          let value = content.substring(argStart, end2);
          args.push(new argument_1.Argument(value, vscode_languageserver_types_1.Range.create(this.document.positionAt(instructionNameEndOffset + start + argStart), this.document.positionAt(instructionNameEndOffset + start + end2))));
        }
        return args;
      }
      createSpacedArgument(argStart, args, content, mark, instructionNameEndOffset, start) {
        if (argStart !== -1) {
          args.push(new argument_1.Argument(content.substring(argStart, mark), vscode_languageserver_types_1.Range.create(this.document.positionAt(instructionNameEndOffset + start + argStart), this.document.positionAt(instructionNameEndOffset + start + mark))));
        }
      }
    };
    exports.PropertyInstruction = PropertyInstruction;
  }
});

// node_modules/dockerfile-ast/lib/instructions/arg.js
var require_arg = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/arg.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Arg = void 0;
    var property_1 = require_property();
    var propertyInstruction_1 = require_propertyInstruction();
    var Arg2 = class extends propertyInstruction_1.PropertyInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
        this.property = null;
        const args = this.getPropertyArguments();
        if (args.length === 1) {
          this.property = new property_1.Property(this.document, this.escapeChar, args[0]);
        } else {
          this.property = null;
        }
      }
      /**
       * Returns the variable defined by this ARG. This may be null if
       * this ARG instruction is malformed and has no variable
       * declaration.
       */
      getProperty() {
        return this.property;
      }
    };
    exports.Arg = Arg2;
  }
});

// node_modules/dockerfile-ast/lib/instructions/cmd.js
var require_cmd = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/cmd.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Cmd = void 0;
    var jsonInstruction_1 = require_jsonInstruction();
    var Cmd = class extends jsonInstruction_1.JSONInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
    };
    exports.Cmd = Cmd;
  }
});

// node_modules/dockerfile-ast/lib/instructions/copy.js
var require_copy = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/copy.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Copy = void 0;
    var jsonInstruction_1 = require_jsonInstruction();
    var Copy2 = class extends jsonInstruction_1.JSONInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      stopSearchingForFlags(argument) {
        return argument.indexOf("--") === -1;
      }
      getFromFlag() {
        let flags = super.getFlags();
        return flags.length === 1 && flags[0].getName() === "from" ? flags[0] : null;
      }
      /**
       * Returns there here-documents that are defined in this RUN
       * instruction.
       *
       * This API is experimental and subject to change.
       */
      getHeredocs() {
        return super.getHeredocs();
      }
    };
    exports.Copy = Copy2;
  }
});

// node_modules/dockerfile-ast/lib/instructions/env.js
var require_env = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/env.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Env = void 0;
    var propertyInstruction_1 = require_propertyInstruction();
    var Env2 = class extends propertyInstruction_1.PropertyInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      getProperties() {
        return super.getProperties();
      }
    };
    exports.Env = Env2;
  }
});

// node_modules/dockerfile-ast/lib/instructions/entrypoint.js
var require_entrypoint = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/entrypoint.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Entrypoint = void 0;
    var jsonInstruction_1 = require_jsonInstruction();
    var Entrypoint = class extends jsonInstruction_1.JSONInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
    };
    exports.Entrypoint = Entrypoint;
  }
});

// node_modules/dockerfile-ast/lib/instructions/from.js
var require_from = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/from.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.From = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var modifiableInstruction_1 = require_modifiableInstruction();
    var From2 = class extends modifiableInstruction_1.ModifiableInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      stopSearchingForFlags(argument) {
        return argument.indexOf("--") === -1;
      }
      getImage() {
        const args = this.getArguments();
        return args.length > 0 ? args[0].getValue() : null;
      }
      /**
       * Returns the name of the image that will be used as the base image.
       *
       * @return the base image's name, or null if unspecified
       */
      getImageName() {
        const imageName = this.getRangeContent(this.getImageNameRange());
        if (imageName === null) {
          return null;
        }
        let commented = false;
        let escaped = false;
        let name = "";
        for (let i = 0; i < imageName.length; i++) {
          const ch = imageName.charAt(i);
          switch (ch) {
            case this.escapeChar:
              escaped = true;
              break;
            case "\r":
              continue;
            case "\n":
              commented = false;
              break;
            case " ":
            case "	":
              break;
            case "#":
              if (escaped) {
                commented = true;
              } else {
                name = name + ch;
                escaped = false;
              }
              break;
            default:
              if (!commented) {
                name = name + ch;
                escaped = false;
              }
              break;
          }
        }
        return name;
      }
      /**
       * Returns the range that covers the name of the image used by
       * this instruction.
       *
       * @return the range of the name of this instruction's argument,
       *         or null if no image has been specified
       */
      getImageNameRange() {
        let range = this.getImageRange();
        if (range) {
          let registryRange = this.getRegistryRange();
          if (registryRange) {
            range.start = this.document.positionAt(this.document.offsetAt(registryRange.end) + 1);
          }
          let tagRange = this.getImageTagRange();
          let digestRange = this.getImageDigestRange();
          if (tagRange === null) {
            if (digestRange !== null) {
              range.end = this.document.positionAt(this.document.offsetAt(digestRange.start) - 1);
            }
          } else {
            range.end = this.document.positionAt(this.document.offsetAt(tagRange.start) - 1);
          }
          return range;
        }
        return null;
      }
      /**
       * Returns the range that covers the image argument of this
       * instruction. This includes the tag or digest of the image if
       * it has been specified by the instruction.
       *
       * @return the range of the image argument, or null if no image
       *         has been specified
       */
      getImageRange() {
        let args = this.getArguments();
        return args.length !== 0 ? args[0].getRange() : null;
      }
      getImageTag() {
        return this.getRangeContent(this.getImageTagRange());
      }
      /**
       * Returns the range in the document that the tag of the base
       * image encompasses.
       *
       * @return the base image's tag's range in the document, or null
       *         if no tag has been specified
       */
      getImageTagRange() {
        const range = this.getImageRange();
        if (range) {
          const rangeStartOffset = this.document.offsetAt(range.start);
          const content = this.getRangeContent(range);
          const atIndex = this.indexOf(rangeStartOffset, content, "@");
          const slashIndex = content.indexOf("/");
          if (atIndex === -1) {
            const colonIndex = this.lastIndexOf(rangeStartOffset, content, ":");
            if (colonIndex > slashIndex) {
              return vscode_languageserver_types_1.Range.create(this.document.positionAt(rangeStartOffset + colonIndex + 1), range.end);
            }
          }
          const subcontent = content.substring(0, atIndex);
          const subcolonIndex = subcontent.indexOf(":");
          if (subcolonIndex === -1) {
            return null;
          }
          if (slashIndex === -1) {
            return vscode_languageserver_types_1.Range.create(this.document.positionAt(rangeStartOffset + subcolonIndex + 1), this.document.positionAt(rangeStartOffset + atIndex));
          }
          if (subcolonIndex < slashIndex) {
            return null;
          }
          return vscode_languageserver_types_1.Range.create(this.document.positionAt(rangeStartOffset + subcolonIndex + 1), this.document.positionAt(rangeStartOffset + subcontent.length));
        }
        return null;
      }
      getImageDigest() {
        return this.getRangeContent(this.getImageDigestRange());
      }
      /**
       * Returns the range in the document that the digest of the base
       * image encompasses.
       *
       * @return the base image's digest's range in the document, or null
       *         if no digest has been specified
       */
      getImageDigestRange() {
        let range = this.getImageRange();
        if (range) {
          let content = this.getRangeContent(range);
          let index = this.lastIndexOf(this.document.offsetAt(range.start), content, "@");
          if (index !== -1) {
            return vscode_languageserver_types_1.Range.create(range.start.line, range.start.character + index + 1, range.end.line, range.end.character);
          }
        }
        return null;
      }
      indexOf(documentOffset, content, searchString) {
        let index = content.indexOf(searchString);
        const variables = this.getVariables();
        for (let i = 0; i < variables.length; i++) {
          const position = documentOffset + index;
          const variableRange = variables[i].getRange();
          if (this.document.offsetAt(variableRange.start) < position && position < this.document.offsetAt(variableRange.end)) {
            const offset = this.document.offsetAt(variableRange.end) - documentOffset;
            const substring = content.substring(offset);
            const subIndex = substring.indexOf(searchString);
            if (subIndex === -1) {
              return -1;
            }
            index = subIndex + offset;
            i = -1;
            continue;
          }
        }
        return index;
      }
      lastIndexOf(documentOffset, content, searchString) {
        let index = content.lastIndexOf(searchString);
        const variables = this.getVariables();
        for (let i = 0; i < variables.length; i++) {
          const position = documentOffset + index;
          const variableRange = variables[i].getRange();
          if (this.document.offsetAt(variableRange.start) < position && position < this.document.offsetAt(variableRange.end)) {
            index = content.substring(0, index).lastIndexOf(searchString);
            if (index === -1) {
              return -1;
            }
            i = -1;
            continue;
          }
        }
        return index;
      }
      getRegistry() {
        return this.getRangeContent(this.getRegistryRange());
      }
      getRegistryRange() {
        const range = this.getImageRange();
        if (range) {
          const tagRange = this.getImageTagRange();
          const digestRange = this.getImageDigestRange();
          if (tagRange === null) {
            if (digestRange !== null) {
              range.end = this.document.positionAt(this.document.offsetAt(digestRange.start) - 1);
            }
          } else {
            range.end = this.document.positionAt(this.document.offsetAt(tagRange.start) - 1);
          }
          const content = this.getRangeContent(range);
          const rangeStart = this.document.offsetAt(range.start);
          const startingSlashIndex = this.indexOf(rangeStart, content, "/");
          if (startingSlashIndex === -1) {
            return null;
          }
          const portIndex = this.indexOf(rangeStart, content, ":");
          const dotIndex = this.indexOf(rangeStart, content, ".");
          if (portIndex !== -1 || dotIndex !== -1) {
            return vscode_languageserver_types_1.Range.create(range.start, this.document.positionAt(rangeStart + startingSlashIndex));
          }
          const registry = content.substring(0, startingSlashIndex);
          if (registry === "localhost") {
            return vscode_languageserver_types_1.Range.create(range.start, this.document.positionAt(rangeStart + startingSlashIndex));
          }
        }
        return null;
      }
      getBuildStage() {
        let range = this.getBuildStageRange();
        return range === null ? null : this.getRangeContent(range);
      }
      getBuildStageRange() {
        let args = this.getArguments();
        if (args.length > 2 && args[1].getValue().toUpperCase() === "AS") {
          return args[2].getRange();
        }
        return null;
      }
      getPlatformFlag() {
        let flags = super.getFlags();
        return flags.length === 1 && flags[0].getName() === "platform" ? flags[0] : null;
      }
    };
    exports.From = From2;
  }
});

// node_modules/dockerfile-ast/lib/instructions/healthcheck.js
var require_healthcheck = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/healthcheck.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Healthcheck = void 0;
    var modifiableInstruction_1 = require_modifiableInstruction();
    var Healthcheck = class extends modifiableInstruction_1.ModifiableInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      stopSearchingForFlags(argument) {
        argument = argument.toUpperCase();
        return argument === "CMD" || argument === "NONE";
      }
      getSubcommand() {
        let args = this.getArguments();
        return args.length !== 0 ? args[0] : null;
      }
    };
    exports.Healthcheck = Healthcheck;
  }
});

// node_modules/dockerfile-ast/lib/instructions/label.js
var require_label = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/label.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Label = void 0;
    var propertyInstruction_1 = require_propertyInstruction();
    var util_1 = require_util();
    var Label = class extends propertyInstruction_1.PropertyInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      getVariables() {
        const variables = super.getVariables();
        const properties = this.getProperties();
        for (const property of properties) {
          const value = property.getUnescapedValue();
          if (value !== null && value.length > 2 && value.charAt(0) === "'" && value.charAt(value.length - 1) === "'") {
            const range = property.getValueRange();
            for (let i = 0; i < variables.length; i++) {
              if (util_1.Util.isInsideRange(variables[i].getRange().start, range)) {
                variables.splice(i, 1);
                i--;
              }
            }
          }
        }
        return variables;
      }
      getProperties() {
        return super.getProperties();
      }
    };
    exports.Label = Label;
  }
});

// node_modules/dockerfile-ast/lib/instructions/onbuild.js
var require_onbuild = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/onbuild.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Onbuild = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var parser_1 = require_parser();
    var instruction_1 = require_instruction();
    var Onbuild = class extends instruction_1.Instruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      getTrigger() {
        let trigger = this.getTriggerWord();
        return trigger === null ? null : trigger.toUpperCase();
      }
      getTriggerWord() {
        return this.getRangeContent(this.getTriggerRange());
      }
      getTriggerRange() {
        let args = this.getArguments();
        return args.length > 0 ? args[0].getRange() : null;
      }
      getTriggerInstruction() {
        let triggerRange = this.getTriggerRange();
        if (triggerRange === null) {
          return null;
        }
        let args = this.getArguments();
        return parser_1.Parser.createInstruction(this.document, this.dockerfile, this.escapeChar, vscode_languageserver_types_1.Range.create(args[0].getRange().start, this.getRange().end), this.getTriggerWord(), triggerRange);
      }
    };
    exports.Onbuild = Onbuild;
  }
});

// node_modules/dockerfile-ast/lib/instructions/run.js
var require_run = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/run.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Run = void 0;
    var jsonInstruction_1 = require_jsonInstruction();
    var Run2 = class extends jsonInstruction_1.JSONInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      stopSearchingForFlags(argument) {
        return argument.indexOf("--") === -1;
      }
      /**
       * Returns there here-documents that are defined in this RUN
       * instruction.
       *
       * This API is experimental and subject to change.
       */
      getHeredocs() {
        return super.getHeredocs();
      }
    };
    exports.Run = Run2;
  }
});

// node_modules/dockerfile-ast/lib/instructions/shell.js
var require_shell = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/shell.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Shell = void 0;
    var jsonInstruction_1 = require_jsonInstruction();
    var Shell = class extends jsonInstruction_1.JSONInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
    };
    exports.Shell = Shell;
  }
});

// node_modules/dockerfile-ast/lib/instructions/stopsignal.js
var require_stopsignal = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/stopsignal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Stopsignal = void 0;
    var instruction_1 = require_instruction();
    var Stopsignal = class extends instruction_1.Instruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
    };
    exports.Stopsignal = Stopsignal;
  }
});

// node_modules/dockerfile-ast/lib/instructions/workdir.js
var require_workdir = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/workdir.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Workdir = void 0;
    var instruction_1 = require_instruction();
    var Workdir = class extends instruction_1.Instruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
      /**
       * Returns the path that has been defined. Note that this path may
       * be absolute or relative depending on what was written in the
       * instruction.
       *
       * @return the working directory's path, or null if this
       *         instruction has no arguments
       */
      getPath() {
        return this.getArgumentsContent();
      }
      /**
       * Returns the absolute path that this instruction resolves to. The
       * function will inspect prior WORKDIR instructions in the current
       * image or another build stage in the Dockerfile to try to
       * determine this.
       *
       * @return the absolute path of the working directory, or null if
       *         this instruction has no arguments, or undefined if it
       *         cannot be determined because only relative paths could be
       *         found
       */
      getAbsolutePath() {
        const path16 = this.getPath();
        if (path16 === null || path16.startsWith("/")) {
          return path16;
        }
        const startLine = this.getRange().start.line;
        const hierarchy = this.dockerfile.getStageHierarchy(startLine);
        for (let i = hierarchy.length - 1; i >= 0; i--) {
          const workdirs = hierarchy[i].getWORKDIRs();
          for (let j = workdirs.length - 1; j >= 0; j--) {
            if (workdirs[j].getRange().start.line < startLine) {
              const parent = workdirs[j].getAbsolutePath();
              if (parent === void 0 || parent === null) {
                return void 0;
              }
              return parent.endsWith("/") ? parent + path16 : parent + "/" + path16;
            }
          }
        }
        return void 0;
      }
    };
    exports.Workdir = Workdir;
  }
});

// node_modules/dockerfile-ast/lib/instructions/user.js
var require_user = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/user.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.User = void 0;
    var instruction_1 = require_instruction();
    var User = class extends instruction_1.Instruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
    };
    exports.User = User;
  }
});

// node_modules/dockerfile-ast/lib/instructions/volume.js
var require_volume = __commonJS({
  "node_modules/dockerfile-ast/lib/instructions/volume.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Volume = void 0;
    var jsonInstruction_1 = require_jsonInstruction();
    var Volume = class extends jsonInstruction_1.JSONInstruction {
      constructor(document, range, dockerfile, escapeChar, instruction, instructionRange) {
        super(document, range, dockerfile, escapeChar, instruction, instructionRange);
      }
    };
    exports.Volume = Volume;
  }
});

// node_modules/dockerfile-ast/lib/imageTemplate.js
var require_imageTemplate = __commonJS({
  "node_modules/dockerfile-ast/lib/imageTemplate.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ImageTemplate = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var arg_1 = require_arg();
    var cmd_1 = require_cmd();
    var copy_1 = require_copy();
    var env_1 = require_env();
    var entrypoint_1 = require_entrypoint();
    var from_1 = require_from();
    var healthcheck_1 = require_healthcheck();
    var onbuild_1 = require_onbuild();
    var util_1 = require_util();
    var workdir_1 = require_workdir();
    var ImageTemplate = class {
      constructor() {
        this.comments = [];
        this.instructions = [];
      }
      addComment(comment) {
        this.comments.push(comment);
      }
      getComments() {
        return this.comments;
      }
      addInstruction(instruction) {
        this.instructions.push(instruction);
      }
      getInstructions() {
        return this.instructions;
      }
      getInstructionAt(line) {
        for (let instruction of this.instructions) {
          if (util_1.Util.isInsideRange(vscode_languageserver_types_1.Position.create(line, 0), instruction.getRange())) {
            return instruction;
          }
        }
        return null;
      }
      /**
       * Gets all the ARG instructions that are defined in this image.
       */
      getARGs() {
        let args = [];
        for (let instruction of this.instructions) {
          if (instruction instanceof arg_1.Arg) {
            args.push(instruction);
          }
        }
        return args;
      }
      /**
       * Gets all the CMD instructions that are defined in this image.
       */
      getCMDs() {
        let cmds = [];
        for (let instruction of this.instructions) {
          if (instruction instanceof cmd_1.Cmd) {
            cmds.push(instruction);
          }
        }
        return cmds;
      }
      /**
       * Gets all the COPY instructions that are defined in this image.
       */
      getCOPYs() {
        let copies = [];
        for (let instruction of this.instructions) {
          if (instruction instanceof copy_1.Copy) {
            copies.push(instruction);
          }
        }
        return copies;
      }
      /**
       * Gets all the ENTRYPOINT instructions that are defined in this image.
       */
      getENTRYPOINTs() {
        let froms = [];
        for (let instruction of this.instructions) {
          if (instruction instanceof entrypoint_1.Entrypoint) {
            froms.push(instruction);
          }
        }
        return froms;
      }
      /**
       * Gets all the ENV instructions that are defined in this image.
       */
      getENVs() {
        let args = [];
        for (let instruction of this.instructions) {
          if (instruction instanceof env_1.Env) {
            args.push(instruction);
          }
        }
        return args;
      }
      getFROM() {
        for (const instruction of this.instructions) {
          if (instruction instanceof from_1.From) {
            return instruction;
          }
        }
        return null;
      }
      /**
       * Gets all the FROM instructions that are defined in this image.
       */
      getFROMs() {
        let froms = [];
        for (let instruction of this.instructions) {
          if (instruction instanceof from_1.From) {
            froms.push(instruction);
          }
        }
        return froms;
      }
      /**
       * Gets all the HEALTHCHECK instructions that are defined in this image.
       */
      getHEALTHCHECKs() {
        let froms = [];
        for (let instruction of this.instructions) {
          if (instruction instanceof healthcheck_1.Healthcheck) {
            froms.push(instruction);
          }
        }
        return froms;
      }
      getWORKDIRs() {
        const workdirs = [];
        for (const instruction of this.instructions) {
          if (instruction instanceof workdir_1.Workdir) {
            workdirs.push(instruction);
          }
        }
        return workdirs;
      }
      getOnbuildTriggers() {
        let triggers = [];
        for (let instruction of this.instructions) {
          if (instruction instanceof onbuild_1.Onbuild) {
            let trigger = instruction.getTriggerInstruction();
            if (trigger) {
              triggers.push(trigger);
            }
          }
        }
        return triggers;
      }
      getAvailableVariables(currentLine) {
        const variables = [];
        for (const arg of this.getARGs()) {
          if (arg.isBefore(currentLine)) {
            const property = arg.getProperty();
            if (property) {
              const variable = property.getName();
              if (variables.indexOf(variable) === -1) {
                variables.push(variable);
              }
            }
          }
        }
        for (const env of this.getENVs()) {
          if (env.isBefore(currentLine)) {
            for (const property of env.getProperties()) {
              const variable = property.getName();
              if (variables.indexOf(variable) === -1) {
                variables.push(variable);
              }
            }
          }
        }
        return variables;
      }
      /**
       * Resolves a variable with the given name at the specified line
       * to its value. If null is returned, then the variable has been
       * defined but no value was given. If undefined is returned, then
       * a variable with the given name has not been defined yet as of
       * the given line.
       *
       * @param variable the name of the variable to resolve
       * @param line the line number that the variable is on, zero-based
       * @return the value of the variable as defined by an ARG or ENV
       *         instruction, or null if no value has been specified, or
       *         undefined if a variable with the given name has not
       *         been defined
       */
      resolveVariable(variable, line) {
        let envs = this.getENVs();
        for (let i = envs.length - 1; i >= 0; i--) {
          if (envs[i].isBefore(line)) {
            for (let property of envs[i].getProperties()) {
              if (property.getName() === variable) {
                return property.getValue();
              }
            }
          }
        }
        let args = this.getARGs();
        for (let i = args.length - 1; i >= 0; i--) {
          if (args[i].isBefore(line)) {
            let property = args[i].getProperty();
            if (property && property.getName() === variable) {
              return property.getValue();
            }
          }
        }
        return void 0;
      }
      getRange() {
        const instructions = this.getInstructions();
        if (instructions.length === 0) {
          return vscode_languageserver_types_1.Range.create(0, 0, 0, 0);
        }
        const instructionStart = instructions[0].getRange().start;
        const instructionEnd = instructions[instructions.length - 1].getRange().end;
        return vscode_languageserver_types_1.Range.create(instructionStart, instructionEnd);
      }
      contains(position) {
        const range = this.getRange();
        if (range === null) {
          return false;
        }
        return util_1.Util.isInsideRange(position, range);
      }
    };
    exports.ImageTemplate = ImageTemplate;
  }
});

// node_modules/dockerfile-ast/lib/dockerfile.js
var require_dockerfile = __commonJS({
  "node_modules/dockerfile-ast/lib/dockerfile.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Dockerfile = void 0;
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var ast = require_main();
    var imageTemplate_1 = require_imageTemplate();
    var from_1 = require_from();
    var util_1 = require_util();
    var main_1 = require_main();
    var Dockerfile = class extends imageTemplate_1.ImageTemplate {
      constructor(document) {
        super();
        this.initialInstructions = new imageTemplate_1.ImageTemplate();
        this.buildStages = [];
        this.directives = [];
        this.foundFrom = false;
        this.document = document;
      }
      getEscapeCharacter() {
        for (const directive of this.directives) {
          if (directive.getDirective() === ast.Directive.escape) {
            const value = directive.getValue();
            if (value === "\\" || value === "`") {
              return value;
            }
          }
        }
        return "\\";
      }
      getInitialARGs() {
        return this.initialInstructions.getARGs();
      }
      getContainingImage(position) {
        let range = vscode_languageserver_types_1.Range.create(vscode_languageserver_types_1.Position.create(0, 0), this.document.positionAt(this.document.getText().length));
        if (!util_1.Util.isInsideRange(position, range)) {
          return null;
        }
        if (this.initialInstructions.getComments().length > 0 || this.initialInstructions.getInstructions().length > 0) {
          if (util_1.Util.isInsideRange(position, this.initialInstructions.getRange())) {
            return this.initialInstructions;
          }
        }
        for (const buildStage of this.buildStages) {
          if (util_1.Util.isInsideRange(position, buildStage.getRange())) {
            return buildStage;
          }
        }
        return this;
      }
      addInstruction(instruction) {
        if (instruction.getKeyword() === main_1.Keyword.FROM) {
          this.currentBuildStage = new imageTemplate_1.ImageTemplate();
          this.buildStages.push(this.currentBuildStage);
          this.foundFrom = true;
        } else if (!this.foundFrom) {
          this.initialInstructions.addInstruction(instruction);
        }
        if (this.foundFrom) {
          this.currentBuildStage.addInstruction(instruction);
        }
        super.addInstruction(instruction);
      }
      setDirectives(directives) {
        this.directives = directives;
      }
      getDirective() {
        return this.directives.length === 0 ? null : this.directives[0];
      }
      getDirectives() {
        return this.directives;
      }
      resolveVariable(variable, line) {
        for (let from of this.getFROMs()) {
          let range = from.getRange();
          if (range.start.line <= line && line <= range.end.line) {
            let initialARGs = new imageTemplate_1.ImageTemplate();
            for (let instruction of this.initialInstructions.getARGs()) {
              initialARGs.addInstruction(instruction);
            }
            return initialARGs.resolveVariable(variable, line);
          }
        }
        let image = this.getContainingImage(vscode_languageserver_types_1.Position.create(line, 0));
        if (image === null) {
          return void 0;
        }
        let resolvedVariable = image.resolveVariable(variable, line);
        if (resolvedVariable === null) {
          let initialARGs = new imageTemplate_1.ImageTemplate();
          for (let instruction of this.initialInstructions.getARGs()) {
            initialARGs.addInstruction(instruction);
          }
          return initialARGs.resolveVariable(variable, line);
        }
        return resolvedVariable;
      }
      getAvailableVariables(currentLine) {
        if (this.getInstructionAt(currentLine) instanceof from_1.From) {
          let variables = [];
          for (let arg of this.getInitialARGs()) {
            let property = arg.getProperty();
            if (property) {
              variables.push(property.getName());
            }
          }
          return variables;
        }
        let image = this.getContainingImage(vscode_languageserver_types_1.Position.create(currentLine, 0));
        return image ? image.getAvailableVariables(currentLine) : [];
      }
      getParentStage(image) {
        const templateFrom = image.getFROM();
        const imageName = templateFrom === null ? null : templateFrom.getImageName();
        if (imageName === null) {
          return null;
        }
        for (const from of this.getFROMs()) {
          if (from.getBuildStage() === imageName) {
            const range = from.getRange();
            if (range.start.line === templateFrom.getRange().start.line) {
              return null;
            }
            return this.getContainingImage(range.start);
          }
        }
        return null;
      }
      getStageHierarchy(line) {
        const image = this.getContainingImage(vscode_languageserver_types_1.Position.create(line, 0));
        if (image === null) {
          return [];
        }
        const stages = [image];
        let stage = this.getParentStage(image);
        while (stage !== null) {
          stages.splice(0, 0, stage);
          stage = this.getParentStage(stage);
        }
        return stages;
      }
      getAvailableWorkingDirectories(line) {
        const availableDirectories = /* @__PURE__ */ new Set();
        for (const image of this.getStageHierarchy(line)) {
          for (const workdir of image.getWORKDIRs()) {
            if (workdir.getRange().end.line < line) {
              let directory = workdir.getAbsolutePath();
              if (directory !== void 0 && directory !== null) {
                if (!directory.endsWith("/")) {
                  directory += "/";
                }
                availableDirectories.add(directory);
              }
            }
          }
        }
        return Array.from(availableDirectories);
      }
      /**
       * Internally reorganize the comments in the Dockerfile and allocate
       * them to the relevant build stages that they belong to.
       */
      organizeComments() {
        const comments = this.getComments();
        for (let i = 0; i < comments.length; i++) {
          if (util_1.Util.isInsideRange(comments[i].getRange().end, this.initialInstructions.getRange())) {
            this.initialInstructions.addComment(comments[i]);
          } else {
            for (const buildStage of this.buildStages) {
              if (util_1.Util.isInsideRange(comments[i].getRange().start, buildStage.getRange())) {
                buildStage.addComment(comments[i]);
              }
            }
          }
        }
      }
      getRange() {
        const comments = this.getComments();
        const instructions = this.getInstructions();
        let range = null;
        if (comments.length === 0) {
          if (instructions.length > 0) {
            range = vscode_languageserver_types_1.Range.create(instructions[0].getRange().start, instructions[instructions.length - 1].getRange().end);
          }
        } else if (instructions.length === 0) {
          range = vscode_languageserver_types_1.Range.create(comments[0].getRange().start, comments[comments.length - 1].getRange().end);
        } else {
          const commentStart = comments[0].getRange().start;
          const commentEnd = comments[comments.length - 1].getRange().end;
          const instructionStart = instructions[0].getRange().start;
          const instructionEnd = instructions[instructions.length - 1].getRange().end;
          if (commentStart.line < instructionStart.line) {
            if (commentEnd.line < instructionEnd.line) {
              range = vscode_languageserver_types_1.Range.create(commentStart, instructionEnd);
            }
            range = vscode_languageserver_types_1.Range.create(commentStart, commentEnd);
          } else if (commentEnd.line < instructionEnd.line) {
            range = vscode_languageserver_types_1.Range.create(instructionStart, instructionEnd);
          } else {
            range = vscode_languageserver_types_1.Range.create(instructionStart, commentEnd);
          }
        }
        if (range === null) {
          if (this.directives.length === 0) {
            return null;
          }
          return this.directives[0].getRange();
        } else if (this.directives.length === 0) {
          return range;
        }
        return vscode_languageserver_types_1.Range.create(this.directives[0].getRange().start, range.end);
      }
    };
    exports.Dockerfile = Dockerfile;
  }
});

// node_modules/dockerfile-ast/lib/parser.js
var require_parser = __commonJS({
  "node_modules/dockerfile-ast/lib/parser.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Parser = void 0;
    var vscode_languageserver_textdocument_1 = (init_main2(), __toCommonJS(main_exports2));
    var vscode_languageserver_types_1 = (init_main(), __toCommonJS(main_exports));
    var comment_1 = require_comment();
    var parserDirective_1 = require_parserDirective();
    var instruction_1 = require_instruction();
    var add_1 = require_add();
    var arg_1 = require_arg();
    var cmd_1 = require_cmd();
    var copy_1 = require_copy();
    var env_1 = require_env();
    var entrypoint_1 = require_entrypoint();
    var from_1 = require_from();
    var healthcheck_1 = require_healthcheck();
    var label_1 = require_label();
    var onbuild_1 = require_onbuild();
    var run_1 = require_run();
    var shell_1 = require_shell();
    var stopsignal_1 = require_stopsignal();
    var workdir_1 = require_workdir();
    var user_1 = require_user();
    var volume_1 = require_volume();
    var dockerfile_1 = require_dockerfile();
    var util_1 = require_util();
    var main_1 = require_main();
    var Parser = class _Parser {
      constructor() {
        this.escapeChar = null;
      }
      static createInstruction(document, dockerfile, escapeChar, lineRange, instruction, instructionRange) {
        switch (instruction.toUpperCase()) {
          case "ADD":
            return new add_1.Add(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "ARG":
            return new arg_1.Arg(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "CMD":
            return new cmd_1.Cmd(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "COPY":
            return new copy_1.Copy(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "ENTRYPOINT":
            return new entrypoint_1.Entrypoint(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "ENV":
            return new env_1.Env(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "FROM":
            return new from_1.From(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "HEALTHCHECK":
            return new healthcheck_1.Healthcheck(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "LABEL":
            return new label_1.Label(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "ONBUILD":
            return new onbuild_1.Onbuild(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "RUN":
            return new run_1.Run(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "SHELL":
            return new shell_1.Shell(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "STOPSIGNAL":
            return new stopsignal_1.Stopsignal(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "WORKDIR":
            return new workdir_1.Workdir(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "USER":
            return new user_1.User(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
          case "VOLUME":
            return new volume_1.Volume(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
        }
        return new instruction_1.Instruction(document, lineRange, dockerfile, escapeChar, instruction, instructionRange);
      }
      getParserDirectives(document, buffer) {
        const directives = [];
        this.escapeChar = "";
        const offset = util_1.Util.isUTF8BOM(buffer.substring(0, 1)) ? 1 : 0;
        directiveCheck: for (let i = offset; i < buffer.length; i++) {
          switch (buffer.charAt(i)) {
            case " ":
            case "	":
              break;
            case "\r":
            case "\n":
              break directiveCheck;
            case "#":
              let directiveStart = -1;
              let directiveEnd = -1;
              for (let j = i + 1; j < buffer.length; j++) {
                let char = buffer.charAt(j);
                switch (char) {
                  case " ":
                  case "	":
                    if (directiveStart !== -1 && directiveEnd === -1) {
                      directiveEnd = j;
                    }
                    break;
                  case "\r":
                  case "\n":
                    break directiveCheck;
                  case "=":
                    let valueStart = -1;
                    let valueEnd = -1;
                    if (directiveEnd === -1) {
                      directiveEnd = j;
                    }
                    let lineEnd = buffer.length;
                    directiveValue: for (let k = j + 1; k < buffer.length; k++) {
                      char = buffer.charAt(k);
                      switch (char) {
                        case "\r":
                        case "\n":
                          if (valueStart !== -1 && valueEnd === -1) {
                            valueEnd = k;
                          }
                          lineEnd = k;
                          break directiveValue;
                        case "	":
                        case " ":
                          if (valueStart !== -1 && valueEnd === -1) {
                            valueEnd = k;
                          }
                          continue;
                        default:
                          if (valueStart === -1) {
                            valueStart = k;
                          }
                          break;
                      }
                    }
                    if (directiveStart === -1) {
                      break directiveCheck;
                    }
                    if (valueStart === -1) {
                      valueStart = j + 1;
                      valueEnd = lineEnd;
                    } else if (valueEnd === -1) {
                      valueEnd = buffer.length;
                    }
                    const lineRange = vscode_languageserver_types_1.Range.create(document.positionAt(i), document.positionAt(lineEnd));
                    const nameRange = vscode_languageserver_types_1.Range.create(document.positionAt(directiveStart), document.positionAt(directiveEnd));
                    const valueRange = vscode_languageserver_types_1.Range.create(document.positionAt(valueStart), document.positionAt(valueEnd));
                    directives.push(new parserDirective_1.ParserDirective(document, lineRange, nameRange, valueRange));
                    directiveStart = -1;
                    if (buffer.charAt(valueEnd) === "\r") {
                      i = valueEnd + 1;
                    } else {
                      i = valueEnd;
                    }
                    continue directiveCheck;
                  default:
                    if (directiveStart === -1) {
                      directiveStart = j;
                    }
                    break;
                }
              }
              break;
            default:
              break directiveCheck;
          }
        }
        return directives;
      }
      parse(buffer) {
        this.document = vscode_languageserver_textdocument_1.TextDocument.create("", "", 0, buffer);
        this.buffer = buffer;
        let dockerfile = new dockerfile_1.Dockerfile(this.document);
        let directives = this.getParserDirectives(this.document, this.buffer);
        let offset = 0;
        this.escapeChar = "\\";
        if (directives.length > 0) {
          dockerfile.setDirectives(directives);
          this.escapeChar = dockerfile.getEscapeCharacter();
          offset = this.document.offsetAt(vscode_languageserver_types_1.Position.create(directives.length, 0));
        } else if (util_1.Util.isUTF8BOM(buffer.substring(0, 1))) {
          offset = 1;
        }
        for (let i = offset; i < this.buffer.length; i++) {
          const char = this.buffer.charAt(i);
          switch (char) {
            case " ":
            case "	":
            case "\r":
            case "\n":
              break;
            case "#":
              i = this.processComment(dockerfile, i);
              break;
            default:
              i = this.processInstruction(dockerfile, char, i);
              break;
          }
        }
        dockerfile.organizeComments();
        return dockerfile;
      }
      processInstruction(dockerfile, char, start) {
        let instruction = char;
        let instructionEnd = -1;
        let escapedInstruction = false;
        instructionCheck: for (let i = start + 1; i < this.buffer.length; i++) {
          char = this.buffer.charAt(i);
          switch (char) {
            case this.escapeChar:
              escapedInstruction = true;
              char = this.buffer.charAt(i + 1);
              if (char === "\r" || char === "\n") {
                if (instructionEnd === -1) {
                  instructionEnd = i;
                }
                i++;
              } else if (char === " " || char === "	") {
                for (let j = i + 2; j < this.buffer.length; j++) {
                  switch (this.buffer.charAt(j)) {
                    case " ":
                    case "	":
                      break;
                    case "\r":
                    case "\n":
                      i = j;
                      continue instructionCheck;
                    default:
                      instructionEnd = i + 1;
                      instruction = instruction + this.escapeChar;
                      i = j - 2;
                      continue instructionCheck;
                  }
                }
                instructionEnd = i + 1;
                instruction = instruction + this.escapeChar;
                break instructionCheck;
              } else {
                instructionEnd = i + 1;
                instruction = instruction + this.escapeChar;
                escapedInstruction = false;
              }
              break;
            case " ":
            case "	":
              if (escapedInstruction) {
                escapeCheck: for (let j = i + 1; j < this.buffer.length; j++) {
                  switch (this.buffer.charAt(j)) {
                    case " ":
                    case "	":
                      break;
                    case "\r":
                    case "\n":
                      i = j;
                      continue instructionCheck;
                    default:
                      break escapeCheck;
                  }
                }
                escapedInstruction = false;
              }
              if (instructionEnd === -1) {
                instructionEnd = i;
              }
              i = this.processArguments(dockerfile, instruction, instructionEnd, start, i);
              dockerfile.addInstruction(this.createInstruction(dockerfile, instruction, start, instructionEnd, i));
              return i;
            case "\r":
            case "\n":
              if (escapedInstruction) {
                continue;
              }
              if (instructionEnd === -1) {
                instructionEnd = i;
              }
              dockerfile.addInstruction(this.createInstruction(dockerfile, instruction, start, i, i));
              return i;
            case "#":
              if (escapedInstruction) {
                continue;
              }
            default:
              instructionEnd = i + 1;
              instruction = instruction + char;
              escapedInstruction = false;
              break;
          }
        }
        if (instructionEnd === -1) {
          instructionEnd = this.buffer.length;
        }
        dockerfile.addInstruction(this.createInstruction(dockerfile, instruction, start, instructionEnd, this.buffer.length));
        return this.buffer.length;
      }
      processHeredocs(instruction, offset) {
        let keyword = instruction.getKeyword();
        if (keyword === main_1.Keyword.ONBUILD) {
          instruction = instruction.getTriggerInstruction();
          if (instruction === null) {
            return offset;
          }
          keyword = instruction.getKeyword();
        }
        if (keyword !== main_1.Keyword.ADD && keyword !== main_1.Keyword.COPY && keyword !== main_1.Keyword.RUN) {
          return offset;
        }
        const heredocs = [];
        let tabbed = false;
        for (const arg of instruction.getArguments()) {
          const value = arg.getValue();
          if (value.startsWith("<<") && value.length > 2) {
            if (value.startsWith("<<-")) {
              tabbed = true;
            }
            const name = util_1.Util.parseHeredocName(value);
            if (name !== null) {
              heredocs.push(name);
            }
          }
        }
        if (heredocs.length > 0) {
          for (const heredoc of heredocs) {
            offset = this.parseHeredoc(heredoc, offset, tabbed);
          }
        }
        return offset;
      }
      processArguments(dockerfile, instruction, instructionEnd, start, offset) {
        let escaped = false;
        argumentsCheck: for (let i = offset + 1; i < this.buffer.length; i++) {
          switch (this.buffer.charAt(i)) {
            case "\r":
            case "\n":
              if (escaped) {
                continue;
              }
              return this.processHeredocs(this.createInstruction(dockerfile, instruction, start, instructionEnd, i), i);
            case this.escapeChar:
              const next = this.buffer.charAt(i + 1);
              if (next === "\n" || next === "\r") {
                escaped = true;
                i++;
              } else if (next === " " || next === "	") {
                for (let j = i + 2; j < this.buffer.length; j++) {
                  switch (this.buffer.charAt(j)) {
                    case " ":
                    case "	":
                      break;
                    case "\r":
                    case "\n":
                      escaped = true;
                    default:
                      i = j;
                      continue argumentsCheck;
                  }
                }
                return this.buffer.length;
              }
              continue;
            case "#":
              if (escaped) {
                i = this.processComment(dockerfile, i);
                continue argumentsCheck;
              }
              break;
            case " ":
            case "	":
              break;
            default:
              if (escaped) {
                escaped = false;
              }
              break;
          }
        }
        return this.buffer.length;
      }
      processComment(dockerfile, start) {
        let end = this.buffer.length;
        commentLoop: for (let i = start + 1; i < this.buffer.length; i++) {
          switch (this.buffer.charAt(i)) {
            case "\r":
            case "\n":
              end = i;
              break commentLoop;
          }
        }
        const range = vscode_languageserver_types_1.Range.create(this.document.positionAt(start), this.document.positionAt(end));
        dockerfile.addComment(new comment_1.Comment(this.document, range));
        return end;
      }
      parseHeredoc(heredocName, offset, tabbed) {
        let startWord = -1;
        let lineStart = true;
        for (let i = offset; i < this.buffer.length; i++) {
          switch (this.buffer.charAt(i)) {
            case " ":
              lineStart = false;
              break;
            case "	":
              if (!tabbed) {
                lineStart = false;
              }
              break;
            case "\r":
            case "\n":
              if (startWord !== -1 && heredocName === this.buffer.substring(startWord, i)) {
                return i;
              }
              startWord = -1;
              lineStart = true;
              break;
            default:
              if (lineStart) {
                startWord = i;
                lineStart = false;
              }
              break;
          }
        }
        return this.buffer.length;
      }
      createInstruction(dockerfile, instruction, start, instructionEnd, end) {
        const startPosition = this.document.positionAt(start);
        const instructionRange = vscode_languageserver_types_1.Range.create(startPosition, this.document.positionAt(instructionEnd));
        const lineRange = vscode_languageserver_types_1.Range.create(startPosition, this.document.positionAt(end));
        return _Parser.createInstruction(this.document, dockerfile, this.escapeChar, lineRange, instruction, instructionRange);
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/dockerfile-ast/lib/main.js
var require_main = __commonJS({
  "node_modules/dockerfile-ast/lib/main.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DockerfileParser = exports.DefaultVariables = exports.Directive = exports.Keyword = exports.Workdir = exports.Volume = exports.User = exports.Stopsignal = exports.Shell = exports.Run = exports.PropertyInstruction = exports.Onbuild = exports.ModifiableInstruction = exports.Label = exports.JSONInstruction = exports.Heredoc = exports.Healthcheck = exports.From = exports.Env = exports.Entrypoint = exports.Copy = exports.Cmd = exports.Arg = exports.Add = exports.Variable = exports.Property = exports.ParserDirective = exports.Line = exports.Instruction = exports.Flag = exports.Comment = exports.JSONArgument = exports.Argument = void 0;
    var argument_1 = require_argument();
    Object.defineProperty(exports, "Argument", { enumerable: true, get: function() {
      return argument_1.Argument;
    } });
    var jsonArgument_1 = require_jsonArgument();
    Object.defineProperty(exports, "JSONArgument", { enumerable: true, get: function() {
      return jsonArgument_1.JSONArgument;
    } });
    var comment_1 = require_comment();
    Object.defineProperty(exports, "Comment", { enumerable: true, get: function() {
      return comment_1.Comment;
    } });
    var parser_1 = require_parser();
    var flag_1 = require_flag();
    Object.defineProperty(exports, "Flag", { enumerable: true, get: function() {
      return flag_1.Flag;
    } });
    var instruction_1 = require_instruction();
    Object.defineProperty(exports, "Instruction", { enumerable: true, get: function() {
      return instruction_1.Instruction;
    } });
    var line_1 = require_line();
    Object.defineProperty(exports, "Line", { enumerable: true, get: function() {
      return line_1.Line;
    } });
    var parserDirective_1 = require_parserDirective();
    Object.defineProperty(exports, "ParserDirective", { enumerable: true, get: function() {
      return parserDirective_1.ParserDirective;
    } });
    var property_1 = require_property();
    Object.defineProperty(exports, "Property", { enumerable: true, get: function() {
      return property_1.Property;
    } });
    var variable_1 = require_variable();
    Object.defineProperty(exports, "Variable", { enumerable: true, get: function() {
      return variable_1.Variable;
    } });
    var add_1 = require_add();
    Object.defineProperty(exports, "Add", { enumerable: true, get: function() {
      return add_1.Add;
    } });
    var arg_1 = require_arg();
    Object.defineProperty(exports, "Arg", { enumerable: true, get: function() {
      return arg_1.Arg;
    } });
    var cmd_1 = require_cmd();
    Object.defineProperty(exports, "Cmd", { enumerable: true, get: function() {
      return cmd_1.Cmd;
    } });
    var copy_1 = require_copy();
    Object.defineProperty(exports, "Copy", { enumerable: true, get: function() {
      return copy_1.Copy;
    } });
    var entrypoint_1 = require_entrypoint();
    Object.defineProperty(exports, "Entrypoint", { enumerable: true, get: function() {
      return entrypoint_1.Entrypoint;
    } });
    var env_1 = require_env();
    Object.defineProperty(exports, "Env", { enumerable: true, get: function() {
      return env_1.Env;
    } });
    var from_1 = require_from();
    Object.defineProperty(exports, "From", { enumerable: true, get: function() {
      return from_1.From;
    } });
    var healthcheck_1 = require_healthcheck();
    Object.defineProperty(exports, "Healthcheck", { enumerable: true, get: function() {
      return healthcheck_1.Healthcheck;
    } });
    var heredoc_1 = require_heredoc();
    Object.defineProperty(exports, "Heredoc", { enumerable: true, get: function() {
      return heredoc_1.Heredoc;
    } });
    var jsonInstruction_1 = require_jsonInstruction();
    Object.defineProperty(exports, "JSONInstruction", { enumerable: true, get: function() {
      return jsonInstruction_1.JSONInstruction;
    } });
    var label_1 = require_label();
    Object.defineProperty(exports, "Label", { enumerable: true, get: function() {
      return label_1.Label;
    } });
    var modifiableInstruction_1 = require_modifiableInstruction();
    Object.defineProperty(exports, "ModifiableInstruction", { enumerable: true, get: function() {
      return modifiableInstruction_1.ModifiableInstruction;
    } });
    var onbuild_1 = require_onbuild();
    Object.defineProperty(exports, "Onbuild", { enumerable: true, get: function() {
      return onbuild_1.Onbuild;
    } });
    var propertyInstruction_1 = require_propertyInstruction();
    Object.defineProperty(exports, "PropertyInstruction", { enumerable: true, get: function() {
      return propertyInstruction_1.PropertyInstruction;
    } });
    var run_1 = require_run();
    Object.defineProperty(exports, "Run", { enumerable: true, get: function() {
      return run_1.Run;
    } });
    var shell_1 = require_shell();
    Object.defineProperty(exports, "Shell", { enumerable: true, get: function() {
      return shell_1.Shell;
    } });
    var stopsignal_1 = require_stopsignal();
    Object.defineProperty(exports, "Stopsignal", { enumerable: true, get: function() {
      return stopsignal_1.Stopsignal;
    } });
    var user_1 = require_user();
    Object.defineProperty(exports, "User", { enumerable: true, get: function() {
      return user_1.User;
    } });
    var volume_1 = require_volume();
    Object.defineProperty(exports, "Volume", { enumerable: true, get: function() {
      return volume_1.Volume;
    } });
    var workdir_1 = require_workdir();
    Object.defineProperty(exports, "Workdir", { enumerable: true, get: function() {
      return workdir_1.Workdir;
    } });
    var Keyword;
    (function(Keyword2) {
      Keyword2["ADD"] = "ADD";
      Keyword2["ARG"] = "ARG";
      Keyword2["CMD"] = "CMD";
      Keyword2["COPY"] = "COPY";
      Keyword2["ENTRYPOINT"] = "ENTRYPOINT";
      Keyword2["ENV"] = "ENV";
      Keyword2["EXPOSE"] = "EXPOSE";
      Keyword2["FROM"] = "FROM";
      Keyword2["HEALTHCHECK"] = "HEALTHCHECK";
      Keyword2["LABEL"] = "LABEL";
      Keyword2["MAINTAINER"] = "MAINTAINER";
      Keyword2["ONBUILD"] = "ONBUILD";
      Keyword2["RUN"] = "RUN";
      Keyword2["SHELL"] = "SHELL";
      Keyword2["STOPSIGNAL"] = "STOPSIGNAL";
      Keyword2["USER"] = "USER";
      Keyword2["VOLUME"] = "VOLUME";
      Keyword2["WORKDIR"] = "WORKDIR";
    })(Keyword || (exports.Keyword = Keyword = {}));
    var Directive;
    (function(Directive2) {
      Directive2["escape"] = "escape";
      Directive2["syntax"] = "syntax";
    })(Directive || (exports.Directive = Directive = {}));
    exports.DefaultVariables = [
      "ALL_PROXY",
      "all_proxy",
      "FTP_PROXY",
      "ftp_proxy",
      "HTTP_PROXY",
      "http_proxy",
      "HTTPS_PROXY",
      "https_proxy",
      "NO_PROXY",
      "no_proxy"
    ];
    var DockerfileParser3;
    (function(DockerfileParser4) {
      function parse2(content) {
        let parser = new parser_1.Parser();
        return parser.parse(content);
      }
      DockerfileParser4.parse = parse2;
    })(DockerfileParser3 || (exports.DockerfileParser = DockerfileParser3 = {}));
  }
});

// node_modules/@balena/dockerignore/ignore.js
var require_ignore = __commonJS({
  "node_modules/@balena/dockerignore/ignore.js"(exports, module) {
    "use strict";
    var path16 = __require("path");
    var factory = (options) => new IgnoreBase(options);
    factory.default = factory;
    module.exports = factory;
    function make_array(subject) {
      return Array.isArray(subject) ? subject : [subject];
    }
    var REGEX_TRAILING_SLASH = /(?<=.)\/$/;
    var REGEX_TRAILING_BACKSLASH = /(?<=.)\\$/;
    var REGEX_TRAILING_PATH_SEP = path16.sep === "\\" ? REGEX_TRAILING_BACKSLASH : REGEX_TRAILING_SLASH;
    var KEY_IGNORE = typeof Symbol !== "undefined" ? /* @__PURE__ */ Symbol.for("dockerignore") : "dockerignore";
    function cleanPath(file) {
      return path16.normalize(file).replace(REGEX_TRAILING_PATH_SEP, "");
    }
    function toSlash(file) {
      if (path16.sep === "/") {
        return file;
      }
      return file.replace(/\\/g, "/");
    }
    function fromSlash(file) {
      if (path16.sep === "/") {
        return file;
      }
      return file.replace(/\//g, path16.sep);
    }
    var IgnoreBase = class {
      constructor({
        // https://github.com/kaelzhang/node-ignore/blob/5.1.4/index.js#L372
        ignorecase = true
      } = {}) {
        this._rules = [];
        this._ignorecase = ignorecase;
        this[KEY_IGNORE] = true;
        this._initCache();
      }
      _initCache() {
        this._cache = {};
      }
      // @param {Array.<string>|string|Ignore} pattern
      add(pattern) {
        this._added = false;
        if (typeof pattern === "string") {
          pattern = pattern.split(/\r?\n/g);
        }
        make_array(pattern).forEach(this._addPattern, this);
        if (this._added) {
          this._initCache();
        }
        return this;
      }
      // legacy
      addPattern(pattern) {
        return this.add(pattern);
      }
      _addPattern(pattern) {
        if (pattern && pattern[KEY_IGNORE]) {
          this._rules = this._rules.concat(pattern._rules);
          this._added = true;
          return;
        }
        if (this._checkPattern(pattern)) {
          const rule = this._createRule(pattern.trim());
          if (rule !== null) {
            this._added = true;
            this._rules.push(rule);
          }
        }
      }
      _checkPattern(pattern) {
        return pattern && typeof pattern === "string" && pattern.indexOf("#") !== 0 && pattern.trim() !== "";
      }
      filter(paths) {
        return make_array(paths).filter((path17) => this._filter(path17));
      }
      createFilter() {
        return (path17) => this._filter(path17);
      }
      ignores(path17) {
        return !this._filter(path17);
      }
      // https://github.com/moby/moby/blob/v19.03.8/builder/dockerignore/dockerignore.go#L41-L53
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L29-L55
      _createRule(pattern) {
        const origin = pattern;
        let negative = false;
        if (pattern[0] === "!") {
          negative = true;
          pattern = pattern.substring(1).trim();
        }
        if (pattern.length > 0) {
          pattern = cleanPath(pattern);
          pattern = toSlash(pattern);
          if (pattern.length > 1 && pattern[0] === "/") {
            pattern = pattern.slice(1);
          }
        }
        if (negative) {
          pattern = "!" + pattern;
        }
        pattern = pattern.trim();
        if (pattern === "") {
          return null;
        }
        pattern = cleanPath(pattern);
        if (pattern[0] === "!") {
          if (pattern.length === 1) {
            return null;
          }
          negative = true;
          pattern = pattern.substring(1);
        } else {
          negative = false;
        }
        return {
          origin,
          pattern,
          // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L54
          dirs: pattern.split(path16.sep),
          negative
        };
      }
      // @returns `Boolean` true if the `path` is NOT ignored
      _filter(path17) {
        if (!path17) {
          return false;
        }
        if (path17 in this._cache) {
          return this._cache[path17];
        }
        return this._cache[path17] = this._test(path17);
      }
      // @returns {Boolean} true if a file is NOT ignored
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L62
      _test(file) {
        file = fromSlash(file);
        const parentPath = cleanPath(path16.dirname(file));
        const parentPathDirs = parentPath.split(path16.sep);
        let matched = false;
        this._rules.forEach((rule) => {
          let match = this._match(file, rule);
          if (!match && parentPath !== ".") {
            if (rule.dirs.includes("**")) {
              for (let i = rule.dirs.filter((x) => x !== "**").length; i <= parentPathDirs.length; i++) {
                match = match || this._match(parentPathDirs.slice(0, i).join(path16.sep), rule);
              }
            } else if (rule.dirs.length <= parentPathDirs.length) {
              match = this._match(parentPathDirs.slice(0, rule.dirs.length).join(path16.sep), rule);
            }
          }
          if (match) {
            matched = !rule.negative;
          }
        });
        return !matched;
      }
      // @returns {Boolean} true if a file is matched by a rule
      _match(file, rule) {
        return this._compile(rule).regexp.test(file);
      }
      // https://github.com/moby/moby/blob/v19.03.8/pkg/fileutils/fileutils.go#L139
      _compile(rule) {
        if (rule.regexp) {
          return rule;
        }
        let regStr = "^";
        let escapedSlash = path16.sep === "\\" ? "\\\\" : path16.sep;
        for (let i = 0; i < rule.pattern.length; i++) {
          const ch = rule.pattern[i];
          if (ch === "*") {
            if (rule.pattern[i + 1] === "*") {
              i++;
              if (rule.pattern[i + 1] === path16.sep) {
                i++;
              }
              if (rule.pattern[i + 1] === void 0) {
                regStr += ".*";
              } else {
                regStr += `(.*${escapedSlash})?`;
              }
            } else {
              regStr += `[^${escapedSlash}]*`;
            }
          } else if (ch === "?") {
            regStr += `[^${escapedSlash}]`;
          } else if (ch === "." || ch === "$") {
            regStr += `\\${ch}`;
          } else if (ch === "\\") {
            if (path16.sep === "\\") {
              regStr += escapedSlash;
              continue;
            }
            if (rule.pattern[i + 1] !== void 0) {
              regStr += "\\" + rule.pattern[i + 1];
              i++;
            } else {
              regStr += "\\";
            }
          } else {
            regStr += ch;
          }
        }
        regStr += "$";
        rule.regexp = new RegExp(regStr, this._ignorecase ? "i" : "");
        return rule;
      }
    };
  }
});

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports, module) {
    module.exports = __require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports, module) {
    module.exports = class FixedFIFO {
      constructor(hwm) {
        if (!(hwm > 0) || (hwm - 1 & hwm) !== 0) throw new Error("Max size for a FixedFIFO should be a power of two");
        this.buffer = new Array(hwm);
        this.mask = hwm - 1;
        this.top = 0;
        this.btm = 0;
        this.next = null;
      }
      clear() {
        this.top = this.btm = 0;
        this.next = null;
        this.buffer.fill(void 0);
      }
      push(data) {
        if (this.buffer[this.top] !== void 0) return false;
        this.buffer[this.top] = data;
        this.top = this.top + 1 & this.mask;
        return true;
      }
      shift() {
        const last = this.buffer[this.btm];
        if (last === void 0) return void 0;
        this.buffer[this.btm] = void 0;
        this.btm = this.btm + 1 & this.mask;
        return last;
      }
      peek() {
        return this.buffer[this.btm];
      }
      isEmpty() {
        return this.buffer[this.btm] === void 0;
      }
    };
  }
});

// node_modules/fast-fifo/index.js
var require_fast_fifo = __commonJS({
  "node_modules/fast-fifo/index.js"(exports, module) {
    var FixedFIFO = require_fixed_size();
    module.exports = class FastFIFO {
      constructor(hwm) {
        this.hwm = hwm || 16;
        this.head = new FixedFIFO(this.hwm);
        this.tail = this.head;
        this.length = 0;
      }
      clear() {
        this.head = this.tail;
        this.head.clear();
        this.length = 0;
      }
      push(val) {
        this.length++;
        if (!this.head.push(val)) {
          const prev = this.head;
          this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
          this.head.push(val);
        }
      }
      shift() {
        if (this.length !== 0) this.length--;
        const val = this.tail.shift();
        if (val === void 0 && this.tail.next) {
          const next = this.tail.next;
          this.tail.next = null;
          this.tail = next;
          return this.tail.shift();
        }
        return val;
      }
      peek() {
        const val = this.tail.peek();
        if (val === void 0 && this.tail.next) return this.tail.next.peek();
        return val;
      }
      isEmpty() {
        return this.length === 0;
      }
    };
  }
});

// node_modules/b4a/index.js
var require_b4a = __commonJS({
  "node_modules/b4a/index.js"(exports, module) {
    function isBuffer(value) {
      return Buffer.isBuffer(value) || value instanceof Uint8Array;
    }
    function isEncoding(encoding) {
      return Buffer.isEncoding(encoding);
    }
    function alloc(size, fill2, encoding) {
      return Buffer.alloc(size, fill2, encoding);
    }
    function allocUnsafe(size) {
      return Buffer.allocUnsafe(size);
    }
    function allocUnsafeSlow(size) {
      return Buffer.allocUnsafeSlow(size);
    }
    function byteLength(string, encoding) {
      return Buffer.byteLength(string, encoding);
    }
    function compare(a, b) {
      return Buffer.compare(a, b);
    }
    function concat(buffers, totalLength) {
      return Buffer.concat(buffers, totalLength);
    }
    function copy(source, target, targetStart, start, end) {
      return toBuffer(source).copy(target, targetStart, start, end);
    }
    function equals(a, b) {
      return toBuffer(a).equals(b);
    }
    function fill(buffer, value, offset, end, encoding) {
      return toBuffer(buffer).fill(value, offset, end, encoding);
    }
    function from(value, encodingOrOffset, length) {
      return Buffer.from(value, encodingOrOffset, length);
    }
    function includes(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).includes(value, byteOffset, encoding);
    }
    function indexOf(buffer, value, byfeOffset, encoding) {
      return toBuffer(buffer).indexOf(value, byfeOffset, encoding);
    }
    function lastIndexOf(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding);
    }
    function swap16(buffer) {
      return toBuffer(buffer).swap16();
    }
    function swap32(buffer) {
      return toBuffer(buffer).swap32();
    }
    function swap64(buffer) {
      return toBuffer(buffer).swap64();
    }
    function toBuffer(buffer) {
      if (Buffer.isBuffer(buffer)) return buffer;
      return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    function toString(buffer, encoding, start, end) {
      return toBuffer(buffer).toString(encoding, start, end);
    }
    function toHex(buffer, start, end) {
      return toBuffer(buffer).toString("hex", start, end);
    }
    function write(buffer, string, offset, length, encoding) {
      return toBuffer(buffer).write(string, offset, length, encoding);
    }
    function readDoubleBE(buffer, offset) {
      return toBuffer(buffer).readDoubleBE(offset);
    }
    function readDoubleLE(buffer, offset) {
      return toBuffer(buffer).readDoubleLE(offset);
    }
    function readFloatBE(buffer, offset) {
      return toBuffer(buffer).readFloatBE(offset);
    }
    function readFloatLE(buffer, offset) {
      return toBuffer(buffer).readFloatLE(offset);
    }
    function readInt32BE(buffer, offset) {
      return toBuffer(buffer).readInt32BE(offset);
    }
    function readInt32LE(buffer, offset) {
      return toBuffer(buffer).readInt32LE(offset);
    }
    function readUInt32BE(buffer, offset) {
      return toBuffer(buffer).readUInt32BE(offset);
    }
    function readUInt32LE(buffer, offset) {
      return toBuffer(buffer).readUInt32LE(offset);
    }
    function writeDoubleBE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleBE(value, offset);
    }
    function writeDoubleLE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleLE(value, offset);
    }
    function writeFloatBE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatBE(value, offset);
    }
    function writeFloatLE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatLE(value, offset);
    }
    function writeInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32BE(value, offset);
    }
    function writeInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32LE(value, offset);
    }
    function writeUInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32BE(value, offset);
    }
    function writeUInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32LE(value, offset);
    }
    module.exports = {
      isBuffer,
      isEncoding,
      alloc,
      allocUnsafe,
      allocUnsafeSlow,
      byteLength,
      compare,
      concat,
      copy,
      equals,
      fill,
      from,
      includes,
      indexOf,
      lastIndexOf,
      swap16,
      swap32,
      swap64,
      toBuffer,
      toString,
      toHex,
      write,
      readDoubleBE,
      readDoubleLE,
      readFloatBE,
      readFloatLE,
      readInt32BE,
      readInt32LE,
      readUInt32BE,
      readUInt32LE,
      writeDoubleBE,
      writeDoubleLE,
      writeFloatBE,
      writeFloatLE,
      writeInt32BE,
      writeInt32LE,
      writeUInt32BE,
      writeUInt32LE
    };
  }
});

// node_modules/text-decoder/lib/pass-through-decoder.js
var require_pass_through_decoder = __commonJS({
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class PassThroughDecoder {
      constructor(encoding) {
        this.encoding = encoding;
      }
      get remaining() {
        return 0;
      }
      decode(data) {
        return b4a.toString(data, this.encoding);
      }
      flush() {
        return "";
      }
    };
  }
});

// node_modules/text-decoder/lib/utf8-decoder.js
var require_utf8_decoder = __commonJS({
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class UTF8Decoder {
      constructor() {
        this._reset();
      }
      get remaining() {
        return this.bytesSeen;
      }
      decode(data) {
        if (data.byteLength === 0) return "";
        if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
          this.bytesSeen = trailingBytesSeen(data);
          return b4a.toString(data, "utf8");
        }
        let result = "";
        let start = 0;
        if (this.bytesNeeded > 0) {
          while (start < data.byteLength) {
            const byte = data[start];
            if (byte < this.lowerBoundary || byte > this.upperBoundary) {
              result += "\uFFFD";
              this._reset();
              break;
            }
            this.lowerBoundary = 128;
            this.upperBoundary = 191;
            this.codePoint = this.codePoint << 6 | byte & 63;
            this.bytesSeen++;
            start++;
            if (this.bytesSeen === this.bytesNeeded) {
              result += String.fromCodePoint(this.codePoint);
              this._reset();
              break;
            }
          }
          if (this.bytesNeeded > 0) return result;
        }
        const trailing = trailingIncomplete(data, start);
        const end = data.byteLength - trailing;
        if (end > start) result += b4a.toString(data, "utf8", start, end);
        for (let i = end; i < data.byteLength; i++) {
          const byte = data[i];
          if (this.bytesNeeded === 0) {
            if (byte <= 127) {
              this.bytesSeen = 0;
              result += String.fromCharCode(byte);
            } else if (byte >= 194 && byte <= 223) {
              this.bytesNeeded = 2;
              this.bytesSeen = 1;
              this.codePoint = byte & 31;
            } else if (byte >= 224 && byte <= 239) {
              if (byte === 224) this.lowerBoundary = 160;
              else if (byte === 237) this.upperBoundary = 159;
              this.bytesNeeded = 3;
              this.bytesSeen = 1;
              this.codePoint = byte & 15;
            } else if (byte >= 240 && byte <= 244) {
              if (byte === 240) this.lowerBoundary = 144;
              else if (byte === 244) this.upperBoundary = 143;
              this.bytesNeeded = 4;
              this.bytesSeen = 1;
              this.codePoint = byte & 7;
            } else {
              this.bytesSeen = 1;
              result += "\uFFFD";
            }
            continue;
          }
          if (byte < this.lowerBoundary || byte > this.upperBoundary) {
            result += "\uFFFD";
            i--;
            this._reset();
            continue;
          }
          this.lowerBoundary = 128;
          this.upperBoundary = 191;
          this.codePoint = this.codePoint << 6 | byte & 63;
          this.bytesSeen++;
          if (this.bytesSeen === this.bytesNeeded) {
            result += String.fromCodePoint(this.codePoint);
            this._reset();
          }
        }
        return result;
      }
      flush() {
        const result = this.bytesNeeded > 0 ? "\uFFFD" : "";
        this._reset();
        return result;
      }
      _reset() {
        this.codePoint = 0;
        this.bytesNeeded = 0;
        this.bytesSeen = 0;
        this.lowerBoundary = 128;
        this.upperBoundary = 191;
      }
    };
    function trailingIncomplete(data, start) {
      const len = data.byteLength;
      if (len <= start) return 0;
      const limit = Math.max(start, len - 4);
      let i = len - 1;
      while (i > limit && (data[i] & 192) === 128) i--;
      if (i < start) return 0;
      const byte = data[i];
      let needed;
      if (byte <= 127) return 0;
      if (byte >= 194 && byte <= 223) needed = 2;
      else if (byte >= 224 && byte <= 239) needed = 3;
      else if (byte >= 240 && byte <= 244) needed = 4;
      else return 0;
      const available = len - i;
      return available < needed ? available : 0;
    }
    function trailingBytesSeen(data) {
      const len = data.byteLength;
      if (len === 0) return 0;
      const last = data[len - 1];
      if (last <= 127) return 0;
      if ((last & 192) !== 128) return 1;
      const limit = Math.max(0, len - 4);
      let i = len - 2;
      while (i >= limit && (data[i] & 192) === 128) i--;
      if (i < 0) return 1;
      const first = data[i];
      let needed;
      if (first >= 194 && first <= 223) needed = 2;
      else if (first >= 224 && first <= 239) needed = 3;
      else if (first >= 240 && first <= 244) needed = 4;
      else return 1;
      if (len - i !== needed) return 1;
      if (needed >= 3) {
        const second = data[i + 1];
        if (first === 224 && second < 160) return 1;
        if (first === 237 && second > 159) return 1;
        if (first === 240 && second < 144) return 1;
        if (first === 244 && second > 143) return 1;
      }
      return 0;
    }
  }
});

// node_modules/text-decoder/index.js
var require_text_decoder = __commonJS({
  "node_modules/text-decoder/index.js"(exports, module) {
    var PassThroughDecoder = require_pass_through_decoder();
    var UTF8Decoder = require_utf8_decoder();
    module.exports = class TextDecoder {
      constructor(encoding = "utf8") {
        this.encoding = normalizeEncoding(encoding);
        switch (this.encoding) {
          case "utf8":
            this.decoder = new UTF8Decoder();
            break;
          case "utf16le":
          case "base64":
            throw new Error("Unsupported encoding: " + this.encoding);
          default:
            this.decoder = new PassThroughDecoder(this.encoding);
        }
      }
      get remaining() {
        return this.decoder.remaining;
      }
      push(data) {
        if (typeof data === "string") return data;
        return this.decoder.decode(data);
      }
      // For Node.js compatibility
      write(data) {
        return this.push(data);
      }
      end(data) {
        let result = "";
        if (data) result = this.push(data);
        result += this.decoder.flush();
        return result;
      }
    };
    function normalizeEncoding(encoding) {
      encoding = encoding.toLowerCase();
      switch (encoding) {
        case "utf8":
        case "utf-8":
          return "utf8";
        case "ucs2":
        case "ucs-2":
        case "utf16le":
        case "utf-16le":
          return "utf16le";
        case "latin1":
        case "binary":
          return "latin1";
        case "base64":
        case "ascii":
        case "hex":
          return encoding;
        default:
          throw new Error("Unknown encoding: " + encoding);
      }
    }
  }
});

// node_modules/streamx/lib/errors.js
var require_errors = __commonJS({
  "node_modules/streamx/lib/errors.js"(exports, module) {
    module.exports = class StreamError extends Error {
      constructor(msg, code2, fn = StreamError) {
        super(msg);
        this.code = code2;
        if (Error.captureStackTrace) {
          Error.captureStackTrace(this, fn);
        }
      }
      static isStreamDestroyed(err) {
        return err && err.code === "STREAM_DESTROYED";
      }
      static isPrematureClose(err) {
        return err && err.code === "PREMATURE_CLOSE";
      }
      static isAborted(err) {
        return err && err.code === "ABORTED";
      }
      static isBadArgument(err) {
        return err && err.code === "BAD_ARGUMENT";
      }
      get name() {
        return "StreamError";
      }
      static STREAM_DESTROYED() {
        return new StreamError("Stream was destroyed", "STREAM_DESTROYED", StreamError.STREAM_DESTROYED);
      }
      static PREMATURE_CLOSE(msg = "Premature close") {
        return new StreamError(msg, "PREMATURE_CLOSE", StreamError.PREMATURE_CLOSE);
      }
      static ABORTED() {
        return new StreamError("Stream aborted", "ABORTED", StreamError.ABORTED);
      }
      static BAD_ARGUMENT(msg = "Bad argument") {
        return new StreamError(msg, "BAD_ARGUMENT", StreamError.BAD_ARGUMENT);
      }
    };
  }
});

// node_modules/streamx/index.js
var require_streamx = __commonJS({
  "node_modules/streamx/index.js"(exports, module) {
    var { EventEmitter } = require_default();
    var FIFO = require_fast_fifo();
    var TextDecoder = require_text_decoder();
    var StreamError = require_errors();
    var qmt = typeof queueMicrotask === "undefined" ? (fn) => global.process.nextTick(fn) : queueMicrotask;
    var MAX = (1 << 29) - 1;
    var OPENING = 1;
    var PREDESTROYING = 2;
    var DESTROYING = 4;
    var DESTROYED = 8;
    var NOT_OPENING = MAX ^ OPENING;
    var NOT_PREDESTROYING = MAX ^ PREDESTROYING;
    var READ_ACTIVE = 1 << 4;
    var READ_UPDATING = 2 << 4;
    var READ_PRIMARY = 4 << 4;
    var READ_QUEUED = 8 << 4;
    var READ_RESUMED = 16 << 4;
    var READ_PIPE_DRAINED = 32 << 4;
    var READ_ENDING = 64 << 4;
    var READ_EMIT_DATA = 128 << 4;
    var READ_EMIT_READABLE = 256 << 4;
    var READ_EMITTED_READABLE = 512 << 4;
    var READ_DONE = 1024 << 4;
    var READ_NEXT_TICK = 2048 << 4;
    var READ_NEEDS_PUSH = 4096 << 4;
    var READ_READ_AHEAD = 8192 << 4;
    var READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
    var READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
    var READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
    var READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
    var READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;
    var READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
    var READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
    var READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
    var READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
    var READ_PAUSED = MAX ^ READ_RESUMED;
    var READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
    var READ_NOT_ENDING = MAX ^ READ_ENDING;
    var READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
    var READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
    var READ_NOT_UPDATING = MAX ^ READ_UPDATING;
    var READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
    var READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;
    var WRITE_ACTIVE = 1 << 18;
    var WRITE_UPDATING = 2 << 18;
    var WRITE_PRIMARY = 4 << 18;
    var WRITE_QUEUED = 8 << 18;
    var WRITE_UNDRAINED = 16 << 18;
    var WRITE_DONE = 32 << 18;
    var WRITE_EMIT_DRAIN = 64 << 18;
    var WRITE_NEXT_TICK = 128 << 18;
    var WRITE_WRITING = 256 << 18;
    var WRITE_FINISHING = 512 << 18;
    var WRITE_CORKED = 1024 << 18;
    var WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
    var WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
    var WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
    var WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
    var WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
    var WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
    var WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
    var WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;
    var ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
    var NOT_ACTIVE = MAX ^ ACTIVE;
    var DONE = READ_DONE | WRITE_DONE;
    var DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
    var OPEN_STATUS = DESTROY_STATUS | OPENING;
    var AUTO_DESTROY = DESTROY_STATUS | DONE;
    var NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
    var ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
    var TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
    var IS_OPENING = OPEN_STATUS | TICKING;
    var READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
    var READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
    var READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
    var READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
    var SHOULD_NOT_READ = OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
    var READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
    var READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
    var READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;
    var WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
    var WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
    var WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
    var WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
    var WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
    var WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
    var WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
    var WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
    var WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;
    var asyncIterator = Symbol.asyncIterator || /* @__PURE__ */ Symbol("asyncIterator");
    var WritableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark;
        this.buffered = 0;
        this.error = null;
        this.pipeline = null;
        this.drains = null;
        this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
        this.map = mapWritable || map;
        this.afterWrite = afterWrite.bind(this);
        this.afterUpdateNextTick = updateWriteNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & WRITE_FINISHING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & WRITE_DONE) !== 0;
      }
      push(data) {
        if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false;
        if (this.map !== null) data = this.map(data);
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        if (this.buffered < this.highWaterMark) {
          this.stream._duplexState |= WRITE_QUEUED;
          return true;
        }
        this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
        return false;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;
        return data;
      }
      end(data) {
        if (typeof data === "function") {
          this.stream.once("finish", data);
        } else if (data !== void 0 && data !== null) {
          this.push(data);
        }
        this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
      }
      autoBatch(data, cb) {
        const buffer = [];
        const stream = this.stream;
        buffer.push(data);
        while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
          buffer.push(stream._writableState.shift());
        }
        if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null);
        stream._writev(buffer, cb);
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= WRITE_UPDATING;
        do {
          while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
            const data = this.shift();
            stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
            stream._write(data, this.afterWrite);
          }
          if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
        } while (this.continueUpdate() === true);
        stream._duplexState &= WRITE_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
          stream._duplexState = stream._duplexState | WRITE_ACTIVE;
          stream._final(afterFinal.bind(this));
          return;
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTick() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= WRITE_NEXT_TICK;
        if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var ReadableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
        this.buffered = 0;
        this.readAhead = highWaterMark > 0;
        this.error = null;
        this.pipeline = null;
        this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
        this.map = mapReadable || map;
        this.pipeTo = null;
        this.afterRead = afterRead.bind(this);
        this.afterUpdateNextTick = updateReadNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & READ_ENDING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & READ_DONE) !== 0;
      }
      pipe(pipeTo, cb) {
        if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT("Can only pipe to one destination");
        if (typeof cb !== "function") cb = null;
        this.stream._duplexState |= READ_PIPE_DRAINED;
        this.pipeTo = pipeTo;
        this.pipeline = new Pipeline(this.stream, pipeTo, cb);
        if (cb) this.stream.on("error", noop2);
        if (isStreamx(pipeTo)) {
          pipeTo._writableState.pipeline = this.pipeline;
          if (cb) pipeTo.on("error", noop2);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        } else {
          const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
          const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null);
          pipeTo.on("error", onerror);
          pipeTo.on("close", onclose);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        }
        pipeTo.on("drain", afterDrain.bind(this));
        this.stream.emit("piping", pipeTo);
        pipeTo.emit("pipe", this.stream);
      }
      push(data) {
        const stream = this.stream;
        if (data === null) {
          this.highWaterMark = 0;
          stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
          return false;
        }
        if (this.map !== null) {
          data = this.map(data);
          if (data === null) {
            stream._duplexState &= READ_PUSHED;
            return this.buffered < this.highWaterMark;
          }
        }
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;
        return this.buffered < this.highWaterMark;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) {
          this.stream._duplexState &= READ_NOT_QUEUED;
        }
        return data;
      }
      unshift(data) {
        const pending = [this.map !== null ? this.map(data) : data];
        while (this.buffered > 0) pending.push(this.shift());
        for (let i = 0; i < pending.length - 1; i++) {
          const data2 = pending[i];
          this.buffered += this.byteLength(data2);
          this.queue.push(data2);
        }
        this.push(pending[pending.length - 1]);
      }
      read() {
        const stream = this.stream;
        if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
          return data;
        }
        if (this.readAhead === false) {
          stream._duplexState |= READ_READ_AHEAD;
          this.updateNextTick();
        }
        return null;
      }
      drain() {
        const stream = this.stream;
        while ((stream._duplexState & READ_STATUS) === READ_QUEUED && (stream._duplexState & READ_FLOWING) !== 0) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
        }
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= READ_UPDATING;
        do {
          this.drain();
          while (this.buffered < this.highWaterMark && (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD) {
            stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
            stream._read(this.afterRead);
            this.drain();
          }
          if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
            stream._duplexState |= READ_EMITTED_READABLE;
            stream.emit("readable");
          }
          if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
            this.updateNonPrimary();
          }
        } while (this.continueUpdate() === true);
        stream._duplexState &= READ_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
          stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
          stream.emit("end");
          if ((stream._duplexState & AUTO_DESTROY) === DONE) {
            stream._duplexState |= DESTROYING;
          }
          if (this.pipeTo !== null) {
            this.pipeTo.end();
          }
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTickIfOpen() {
        if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
      updateNextTick() {
        if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var TransformState = class {
      constructor(stream) {
        this.data = null;
        this.afterTransform = afterTransform.bind(stream);
        this.afterFinal = null;
      }
    };
    var Pipeline = class {
      constructor(src, dst, cb) {
        this.from = src;
        this.to = dst;
        this.afterPipe = cb;
        this.error = null;
        this.pipeToFinished = false;
      }
      finished() {
        this.pipeToFinished = true;
      }
      done(stream, err) {
        if (err) this.error = err;
        if (stream === this.to) {
          this.to = null;
          if (this.from !== null) {
            if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
              this.from.destroy(this.error || StreamError.PREMATURE_CLOSE("Writable stream closed"));
            }
            return;
          }
        }
        if (stream === this.from) {
          this.from = null;
          if (this.to !== null) {
            if ((stream._duplexState & READ_DONE) === 0) {
              this.to.destroy(this.error || StreamError.PREMATURE_CLOSE("Readable stream closed"));
            }
            return;
          }
        }
        if (this.afterPipe !== null) this.afterPipe(this.error);
        this.to = this.from = this.afterPipe = null;
      }
    };
    function afterDrain() {
      this.stream._duplexState |= READ_PIPE_DRAINED;
      this.updateCallback();
    }
    function afterFinal(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROY_STATUS) === 0) {
        stream._duplexState |= WRITE_DONE;
        stream.emit("finish");
      }
      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING;
      }
      stream._duplexState &= WRITE_NOT_FINISHING;
      if ((stream._duplexState & WRITE_UPDATING) === 0) {
        this.update();
      } else {
        this.updateNextTick();
      }
    }
    function afterDestroy(err) {
      const stream = this.stream;
      if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
      if (err) stream.emit("error", err);
      stream._duplexState |= DESTROYED;
      stream.emit("close");
      const rs = stream._readableState;
      const ws = stream._writableState;
      if (rs !== null && rs.pipeline !== null) {
        rs.pipeline.done(stream, err);
      }
      if (ws !== null) {
        while (ws.drains !== null && ws.drains.length > 0) {
          ws.drains.shift().resolve(false);
        }
        if (ws.pipeline !== null) {
          ws.pipeline.done(stream, err);
        }
      }
    }
    function afterWrite(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      stream._duplexState &= WRITE_NOT_ACTIVE;
      if (this.drains !== null) tickDrains(this.drains);
      if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
        stream._duplexState &= WRITE_DRAINED;
        if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
          stream.emit("drain");
        }
      }
      this.updateCallback();
    }
    function afterRead(err) {
      if (err) this.stream.destroy(err);
      this.stream._duplexState &= READ_NOT_ACTIVE;
      if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
        this.stream._duplexState &= READ_NO_READ_AHEAD;
      }
      this.updateCallback();
    }
    function updateReadNT() {
      if ((this.stream._duplexState & READ_UPDATING) === 0) {
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        this.update();
      }
    }
    function updateWriteNT() {
      if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        this.update();
      }
    }
    function tickDrains(drains) {
      for (let i = 0; i < drains.length; i++) {
        if (--drains[i].writes === 0) {
          drains.shift().resolve(true);
          i--;
        }
      }
    }
    function afterOpen(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROYING) === 0) {
        if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
          stream._duplexState |= READ_PRIMARY;
        }
        if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
          stream._duplexState |= WRITE_PRIMARY;
        }
        stream.emit("open");
      }
      stream._duplexState &= NOT_ACTIVE;
      if (stream._writableState !== null) {
        stream._writableState.updateCallback();
      }
      if (stream._readableState !== null) {
        stream._readableState.updateCallback();
      }
    }
    function afterTransform(err, data) {
      if (data !== void 0 && data !== null) this.push(data);
      this._writableState.afterWrite(err);
    }
    function newListener(name) {
      if (this._readableState !== null) {
        if (name === "data") {
          this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
          this._readableState.updateNextTick();
        }
        if (name === "readable") {
          this._duplexState |= READ_EMIT_READABLE;
          this._readableState.updateNextTick();
        }
      }
      if (this._writableState !== null) {
        if (name === "drain") {
          this._duplexState |= WRITE_EMIT_DRAIN;
          this._writableState.updateNextTick();
        }
      }
    }
    var Stream = class extends EventEmitter {
      constructor(opts) {
        super();
        this._duplexState = 0;
        this._readableState = null;
        this._writableState = null;
        if (opts) {
          if (opts.open) this._open = opts.open;
          if (opts.destroy) this._destroy = opts.destroy;
          if (opts.predestroy) this._predestroy = opts.predestroy;
          if (opts.signal) opts.signal.addEventListener("abort", abort.bind(this));
        }
        this.on("newListener", newListener);
      }
      _open(cb) {
        cb(null);
      }
      _destroy(cb) {
        cb(null);
      }
      _predestroy() {
      }
      get readable() {
        return this._readableState !== null ? true : void 0;
      }
      get writable() {
        return this._writableState !== null ? true : void 0;
      }
      get destroyed() {
        return (this._duplexState & DESTROYED) !== 0;
      }
      get destroying() {
        return (this._duplexState & DESTROY_STATUS) !== 0;
      }
      destroy(err) {
        if ((this._duplexState & DESTROY_STATUS) === 0) {
          if (!err) err = StreamError.STREAM_DESTROYED();
          this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;
          if (this._readableState !== null) {
            this._readableState.highWaterMark = 0;
            this._readableState.error = err;
          }
          if (this._writableState !== null) {
            this._writableState.highWaterMark = 0;
            this._writableState.error = err;
          }
          this._duplexState |= PREDESTROYING;
          this._predestroy();
          this._duplexState &= NOT_PREDESTROYING;
          if (this._readableState !== null) {
            this._readableState.updateNextTick();
          }
          if (this._writableState !== null) {
            this._writableState.updateNextTick();
          }
        }
      }
    };
    var Readable2 = class _Readable extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
        this._readableState = new ReadableState(this, opts);
        if (opts) {
          if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
          if (opts.read) this._read = opts.read;
          if (opts.eagerOpen) this._readableState.updateNextTick();
          if (opts.encoding) this.setEncoding(opts.encoding);
        }
      }
      static deferred(fn, opts) {
        const out = new PassThrough(opts);
        fn().then((src) => {
          if (src === null) return out.end();
          if (out.destroying) return;
          pipeline3(src, out, noop2);
        }).catch((err) => out.destroy(err));
        return out;
      }
      setEncoding(encoding) {
        const dec = new TextDecoder(encoding);
        const map = this._readableState.map || echo;
        this._readableState.map = mapOrSkip;
        return this;
        function mapOrSkip(data) {
          const next = dec.push(data);
          return next === "" && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next);
        }
      }
      _read(cb) {
        cb(null);
      }
      pipe(dest, cb) {
        this._readableState.updateNextTick();
        this._readableState.pipe(dest, cb);
        return dest;
      }
      read() {
        this._readableState.updateNextTick();
        return this._readableState.read();
      }
      push(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.push(data);
      }
      unshift(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.unshift(data);
      }
      resume() {
        this._duplexState |= READ_RESUMED_READ_AHEAD;
        this._readableState.updateNextTick();
        return this;
      }
      pause() {
        this._duplexState &= this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
        return this;
      }
      static _fromAsyncIterator(ite, opts) {
        let destroy;
        const rs = new _Readable({
          ...opts,
          read(cb) {
            ite.next().then(push).then(cb.bind(null, null)).catch(cb);
          },
          predestroy() {
            destroy = ite.return();
          },
          destroy(cb) {
            if (!destroy) return cb(null);
            destroy.then(cb.bind(null, null)).catch(cb);
          }
        });
        return rs;
        function push(data) {
          if (data.done) rs.push(null);
          else rs.push(data.value);
        }
      }
      static from(data, opts) {
        if (isReadStreamx(data)) return data;
        if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts);
        if (!Array.isArray(data)) data = data === void 0 ? [] : [data];
        let i = 0;
        return new _Readable({
          ...opts,
          read(cb) {
            this.push(i === data.length ? null : data[i++]);
            cb(null);
          }
        });
      }
      static isBackpressured(rs) {
        return (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 || rs._readableState.buffered >= rs._readableState.highWaterMark;
      }
      static isPaused(rs) {
        return (rs._duplexState & READ_RESUMED) === 0;
      }
      [asyncIterator]() {
        const stream = this;
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        this.on("error", (err) => {
          error = err;
        });
        this.on("readable", onreadable);
        this.on("close", onclose);
        return {
          [asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(function(resolve, reject) {
              promiseResolve = resolve;
              promiseReject = reject;
              const data = stream.read();
              if (data !== null) ondata(data);
              else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
            });
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function onreadable() {
          if (promiseResolve !== null) ondata(stream.read());
        }
        function onclose() {
          if (promiseResolve !== null) ondata(null);
        }
        function ondata(data) {
          if (promiseReject === null) return;
          if (error) {
            promiseReject(error);
          } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
            promiseReject(StreamError.STREAM_DESTROYED());
          } else {
            promiseResolve({ value: data, done: data === null });
          }
          promiseReject = promiseResolve = null;
        }
        function destroy(err) {
          stream.destroy(err);
          return new Promise((resolve, reject) => {
            if (stream._duplexState & DESTROYED) return resolve({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    var Writable = class extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | READ_DONE;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
          if (opts.eagerOpen) this._writableState.updateNextTick();
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      static isBackpressured(ws) {
        return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0;
      }
      static drained(ws) {
        if (ws.destroyed) return Promise.resolve(false);
        const state = ws._writableState;
        const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
        const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
        if (writes === 0) return Promise.resolve(true);
        if (state.drains === null) state.drains = [];
        return new Promise((resolve) => {
          state.drains.push({ writes, resolve });
        });
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Duplex = class extends Readable2 {
      // and Writable
      constructor(opts) {
        super(opts);
        this._duplexState = OPENING | this._duplexState & READ_READ_AHEAD;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Transform = class extends Duplex {
      constructor(opts) {
        super(opts);
        this._transformState = new TransformState(this);
        if (opts) {
          if (opts.transform) this._transform = opts.transform;
          if (opts.flush) this._flush = opts.flush;
        }
      }
      _write(data, cb) {
        if (this._readableState.buffered >= this._readableState.highWaterMark) {
          this._transformState.data = data;
        } else {
          this._transform(data, this._transformState.afterTransform);
        }
      }
      _read(cb) {
        if (this._transformState.data !== null) {
          const data = this._transformState.data;
          this._transformState.data = null;
          cb(null);
          this._transform(data, this._transformState.afterTransform);
        } else {
          cb(null);
        }
      }
      destroy(err) {
        super.destroy(err);
        if (this._transformState.data !== null) {
          this._transformState.data = null;
          this._transformState.afterTransform();
        }
      }
      _transform(data, cb) {
        cb(null, data);
      }
      _flush(cb) {
        cb(null);
      }
      _final(cb) {
        this._transformState.afterFinal = cb;
        this._flush(transformAfterFlush.bind(this));
      }
    };
    var PassThrough = class extends Transform {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve, reject) => {
        return pipeline3(...streams, (err) => {
          if (err) return reject(err);
          resolve();
        });
      });
    }
    function pipeline3(stream, ...streams) {
      const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
      const done = all.length && typeof all[all.length - 1] === "function" ? all.pop() : null;
      if (all.length < 2) throw StreamError.BAD_ARGUMENT("Pipeline requires at least 2 streams");
      let src = all[0];
      let dest = null;
      let error = null;
      for (let i = 1; i < all.length; i++) {
        dest = all[i];
        if (isStreamx(src)) {
          src.pipe(dest, onerror);
        } else {
          errorHandle(src, true, i > 1, onerror);
          src.pipe(dest);
        }
        src = dest;
      }
      if (done) {
        let fin = false;
        const autoDestroy = isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);
        dest.on("error", (err) => {
          if (error === null) error = err;
        });
        dest.on("finish", () => {
          fin = true;
          if (!autoDestroy) done(error);
        });
        if (autoDestroy) {
          dest.on("close", () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
        }
      }
      return dest;
      function errorHandle(s, rd, wr, onerror2) {
        s.on("error", onerror2);
        s.on("close", onclose);
        function onclose() {
          if (rd && s._readableState && !s._readableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
          if (wr && s._writableState && !s._writableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
        }
      }
      function onerror(err) {
        if (!err || error) return;
        error = err;
        for (const s of all) {
          s.destroy(err);
        }
      }
    }
    function echo(s) {
      return s;
    }
    function isStream(stream) {
      return !!stream._readableState || !!stream._writableState;
    }
    function isStreamx(stream) {
      return typeof stream._duplexState === "number" && isStream(stream);
    }
    function isEnding(stream) {
      return !!stream._readableState && stream._readableState.ending;
    }
    function isEnded(stream) {
      return !!stream._readableState && stream._readableState.ended;
    }
    function isFinishing(stream) {
      return !!stream._writableState && stream._writableState.ending;
    }
    function isFinished(stream) {
      return !!stream._writableState && stream._writableState.ended;
    }
    function getStreamError(stream, opts = {}) {
      const err = stream._readableState && stream._readableState.error || stream._writableState && stream._writableState.error;
      return !opts.all && StreamError.isStreamDestroyed(err) ? null : err;
    }
    function isReadStreamx(stream) {
      return isStreamx(stream) && stream.readable;
    }
    function isDisturbed(stream) {
      return (stream._duplexState & OPENING) !== OPENING || (stream._duplexState & DESTROYING) === DESTROYING || (stream._duplexState & ACTIVE_OR_TICKING) !== 0;
    }
    function isTypedArray(data) {
      return typeof data === "object" && data !== null && typeof data.byteLength === "number";
    }
    function defaultByteLength(data) {
      return isTypedArray(data) ? data.byteLength : 1024;
    }
    function noop2() {
    }
    function abort() {
      this.destroy(StreamError.ABORTED());
    }
    function isWritev(s) {
      return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev;
    }
    module.exports = {
      pipeline: pipeline3,
      pipelinePromise,
      isStream,
      isStreamx,
      isEnding,
      isEnded,
      isFinishing,
      isFinished,
      isDisturbed,
      getStreamError,
      Stream,
      Writable,
      Readable: Readable2,
      Duplex,
      Transform,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports) {
    var b4a = require_b4a();
    var ZEROS = "0000000000000000000";
    var SEVENS = "7777777777777777777";
    var ZERO_OFFSET = "0".charCodeAt(0);
    var USTAR_MAGIC = b4a.from([117, 115, 116, 97, 114, 0]);
    var USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
    var GNU_MAGIC = b4a.from([117, 115, 116, 97, 114, 32]);
    var GNU_VER = b4a.from([32, 0]);
    var MASK = 4095;
    var MAGIC_OFFSET = 257;
    var VERSION_OFFSET = 263;
    exports.decodeLongPath = function decodeLongPath(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports.encodePax = function encodePax(opts) {
      let result = "";
      if (opts.name) result += addLength(" path=" + opts.name + "\n");
      if (opts.linkname) result += addLength(" linkpath=" + opts.linkname + "\n");
      const pax = opts.pax;
      if (pax) {
        for (const key in pax) {
          result += addLength(" " + key + "=" + pax[key] + "\n");
        }
      }
      return b4a.from(result);
    };
    exports.decodePax = function decodePax(buf) {
      const result = {};
      while (buf.length) {
        let i = 0;
        while (i < buf.length && buf[i] !== 32) i++;
        const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
        if (!len) return result;
        const b = b4a.toString(buf.subarray(i + 1, len - 1));
        const keyIndex = b.indexOf("=");
        if (keyIndex === -1) return result;
        result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);
        buf = buf.subarray(len);
      }
      return result;
    };
    exports.encode = function encode(opts) {
      const buf = b4a.alloc(512);
      let name = opts.name;
      let prefix = "";
      if (opts.typeflag === 5 && name[name.length - 1] !== "/") name += "/";
      if (b4a.byteLength(name) !== name.length) return null;
      while (b4a.byteLength(name) > 100) {
        const i = name.indexOf("/");
        if (i === -1) return null;
        prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i);
        name = name.slice(i + 1);
      }
      if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null;
      if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null;
      b4a.write(buf, name);
      b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
      b4a.write(buf, encodeOct(opts.uid, 6), 108);
      b4a.write(buf, encodeOct(opts.gid, 6), 116);
      encodeSize(opts.size, buf, 124);
      b4a.write(buf, encodeOct(opts.mtime.getTime() / 1e3 | 0, 11), 136);
      buf[156] = ZERO_OFFSET + toTypeflag(opts.type);
      if (opts.linkname) b4a.write(buf, opts.linkname, 157);
      b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
      b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
      if (opts.uname) b4a.write(buf, opts.uname, 265);
      if (opts.gname) b4a.write(buf, opts.gname, 297);
      b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
      b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);
      if (prefix) b4a.write(buf, prefix, 345);
      b4a.write(buf, encodeOct(cksum(buf), 6), 148);
      return buf;
    };
    exports.decode = function decode(buf, filenameEncoding, allowUnknownFormat) {
      let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;
      let name = decodeStr(buf, 0, 100, filenameEncoding);
      const mode = decodeOct(buf, 100, 8);
      const uid = decodeOct(buf, 108, 8);
      const gid = decodeOct(buf, 116, 8);
      const size = decodeOct(buf, 124, 12);
      const mtime = decodeOct(buf, 136, 12);
      const type = toType(typeflag);
      const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
      const uname = decodeStr(buf, 265, 32);
      const gname = decodeStr(buf, 297, 32);
      const devmajor = decodeOct(buf, 329, 8);
      const devminor = decodeOct(buf, 337, 8);
      const c = cksum(buf);
      if (c === 8 * 32) return null;
      if (c !== decodeOct(buf, 148, 8)) throw new Error("Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?");
      if (isUSTAR(buf)) {
        if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + "/" + name;
      } else if (isGNU(buf)) {
      } else {
        if (!allowUnknownFormat) {
          throw new Error("Invalid tar header: unknown format.");
        }
      }
      if (typeflag === 0 && name && name[name.length - 1] === "/") typeflag = 5;
      return {
        name,
        mode,
        uid,
        gid,
        size,
        byteOffset: 0,
        mtime: new Date(1e3 * mtime),
        type,
        linkname,
        uname,
        gname,
        devmajor,
        devminor,
        pax: null
      };
    };
    function isUSTAR(buf) {
      return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6));
    }
    function isGNU(buf) {
      return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) && b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2));
    }
    function clamp(index, len, defaultValue) {
      if (typeof index !== "number") return defaultValue;
      index = ~~index;
      if (index >= len) return len;
      if (index >= 0) return index;
      index += len;
      if (index >= 0) return index;
      return 0;
    }
    function toType(flag) {
      switch (flag) {
        case 0:
          return "file";
        case 1:
          return "link";
        case 2:
          return "symlink";
        case 3:
          return "character-device";
        case 4:
          return "block-device";
        case 5:
          return "directory";
        case 6:
          return "fifo";
        case 7:
          return "contiguous-file";
        case 72:
          return "pax-header";
        case 55:
          return "pax-global-header";
        case 27:
          return "gnu-long-link-path";
        case 28:
        case 30:
          return "gnu-long-path";
      }
      return null;
    }
    function toTypeflag(flag) {
      switch (flag) {
        case "file":
          return 0;
        case "link":
          return 1;
        case "symlink":
          return 2;
        case "character-device":
          return 3;
        case "block-device":
          return 4;
        case "directory":
          return 5;
        case "fifo":
          return 6;
        case "contiguous-file":
          return 7;
        case "pax-header":
          return 72;
      }
      return 0;
    }
    function indexOf(block, num, offset, end) {
      for (; offset < end; offset++) {
        if (block[offset] === num) return offset;
      }
      return end;
    }
    function cksum(block) {
      let sum2 = 8 * 32;
      for (let i = 0; i < 148; i++) sum2 += block[i];
      for (let j = 156; j < 512; j++) sum2 += block[j];
      return sum2;
    }
    function encodeOct(val, n) {
      val = val.toString(8);
      if (val.length > n) return SEVENS.slice(0, n) + " ";
      return ZEROS.slice(0, n - val.length) + val + " ";
    }
    function encodeSizeBin(num, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--) {
        buf[off + i] = num & 255;
        num = Math.floor(num / 256);
      }
    }
    function encodeSize(num, buf, off) {
      if (num.toString(8).length > 11) {
        encodeSizeBin(num, buf, off);
      } else {
        b4a.write(buf, encodeOct(num, 11), off);
      }
    }
    function parse256(buf) {
      let positive;
      if (buf[0] === 128) positive = true;
      else if (buf[0] === 255) positive = false;
      else return null;
      const tuple = [];
      let i;
      for (i = buf.length - 1; i > 0; i--) {
        const byte = buf[i];
        if (positive) tuple.push(byte);
        else tuple.push(255 - byte);
      }
      let sum2 = 0;
      const l = tuple.length;
      for (i = 0; i < l; i++) {
        sum2 += tuple[i] * Math.pow(256, i);
      }
      return positive ? sum2 : -1 * sum2;
    }
    function decodeOct(val, offset, length) {
      val = val.subarray(offset, offset + length);
      offset = 0;
      if (val[offset] & 128) {
        return parse256(val);
      } else {
        while (offset < val.length && val[offset] === 32) offset++;
        const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
        while (offset < end && val[offset] === 0) offset++;
        if (end === offset) return 0;
        return parseInt(b4a.toString(val.subarray(offset, end)), 8);
      }
    }
    function decodeStr(val, offset, length, encoding) {
      return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding);
    }
    function addLength(str) {
      const len = b4a.byteLength(str);
      let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      if (len + digits >= Math.pow(10, digits)) digits++;
      return len + digits + str;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports, module) {
    var { Writable, Readable: Readable2, getStreamError } = require_streamx();
    var FIFO = require_fast_fifo();
    var b4a = require_b4a();
    var headers = require_headers();
    var EMPTY = b4a.alloc(0);
    var MAX_HEADER_SIZE = 4 * 1024 * 1024;
    var BufferList = class {
      constructor() {
        this.buffered = 0;
        this.shifted = 0;
        this.queue = new FIFO();
        this._offset = 0;
      }
      push(buffer) {
        this.buffered += buffer.byteLength;
        this.queue.push(buffer);
      }
      shiftFirst(size) {
        return this.buffered === 0 ? null : this._next(size);
      }
      shift(size) {
        if (size > this.buffered) return null;
        if (size === 0) return EMPTY;
        let chunk = this._next(size);
        if (size === chunk.byteLength) return chunk;
        const chunks = [chunk];
        while ((size -= chunk.byteLength) > 0) {
          chunk = this._next(size);
          chunks.push(chunk);
        }
        return b4a.concat(chunks);
      }
      _next(size) {
        const buf = this.queue.peek();
        const rem = buf.byteLength - this._offset;
        if (size >= rem) {
          const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
          this.queue.shift();
          this._offset = 0;
          this.buffered -= rem;
          this.shifted += rem;
          return sub;
        }
        this.buffered -= size;
        this.shifted += size;
        return buf.subarray(this._offset, this._offset += size);
      }
    };
    var Source = class extends Readable2 {
      constructor(self2, header, offset) {
        super();
        this.header = header;
        this.offset = offset;
        this._parent = self2;
      }
      _read(cb) {
        if (this.header.size === 0) {
          this.push(null);
        }
        if (this._parent._stream === this) {
          this._parent._update();
        }
        cb(null);
      }
      _predestroy() {
        this._parent.destroy(getStreamError(this));
      }
      _detach() {
        if (this._parent._stream === this) {
          this._parent._stream = null;
          this._parent._missing = overflow(this.header.size);
          this._parent._update();
        }
      }
      _destroy(cb) {
        this._detach();
        cb(null);
      }
    };
    var Extract = class extends Writable {
      constructor(opts) {
        super(opts);
        if (!opts) opts = {};
        this._buffer = new BufferList();
        this._offset = 0;
        this._header = null;
        this._stream = null;
        this._missing = 0;
        this._longHeader = false;
        this._callback = noop2;
        this._locked = false;
        this._finished = false;
        this._pax = null;
        this._paxGlobal = null;
        this._gnuLongPath = null;
        this._gnuLongLinkPath = null;
        this._filenameEncoding = opts.filenameEncoding || "utf-8";
        this._allowUnknownFormat = !!opts.allowUnknownFormat;
        this._unlockBound = this._unlock.bind(this);
      }
      _unlock(err) {
        this._locked = false;
        if (err) {
          this.destroy(err);
          this._continueWrite(err);
          return;
        }
        this._update();
      }
      _consumeHeader() {
        if (this._locked) return false;
        this._offset = this._buffer.shifted;
        try {
          this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        if (!this._header) return true;
        this._header.byteOffset = this._buffer.shifted;
        switch (this._header.type) {
          case "gnu-long-path":
          case "gnu-long-link-path":
          case "pax-global-header":
          case "pax-header":
            this._longHeader = true;
            this._missing = this._header.size;
            if (this._missing > MAX_HEADER_SIZE) {
              this._continueWrite(new Error("Header exceeds max size"));
              return false;
            }
            return true;
        }
        this._locked = true;
        this._applyLongHeaders();
        if (!(this._header.size >= 0)) {
          this._continueWrite(new Error("Invalid header"));
          return false;
        }
        if (this._header.size === 0 || this._header.type === "directory") {
          this.emit("entry", this._header, this._createStream(), this._unlockBound);
          return true;
        }
        this._stream = this._createStream();
        this._missing = this._header.size;
        this.emit("entry", this._header, this._stream, this._unlockBound);
        return true;
      }
      _applyLongHeaders() {
        if (this._gnuLongPath) {
          this._header.name = this._gnuLongPath;
          this._gnuLongPath = null;
        }
        if (this._gnuLongLinkPath) {
          this._header.linkname = this._gnuLongLinkPath;
          this._gnuLongLinkPath = null;
        }
        if (this._pax) {
          if (this._pax.path) this._header.name = this._pax.path;
          if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
          if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
          this._header.pax = this._pax;
          this._pax = null;
        }
      }
      _decodeLongHeader(buf) {
        switch (this._header.type) {
          case "gnu-long-path":
            this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "gnu-long-link-path":
            this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "pax-global-header":
            this._paxGlobal = headers.decodePax(buf);
            break;
          case "pax-header":
            this._pax = this._paxGlobal === null ? headers.decodePax(buf) : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
            break;
        }
      }
      _consumeLongHeader() {
        this._longHeader = false;
        this._missing = overflow(this._header.size);
        const buf = this._buffer.shift(this._header.size);
        try {
          this._decodeLongHeader(buf);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        return true;
      }
      _consumeStream() {
        const buf = this._buffer.shiftFirst(this._missing);
        if (buf === null) return false;
        this._missing -= buf.byteLength;
        const drained = this._stream.push(buf);
        if (this._missing === 0) {
          this._stream.push(null);
          if (drained) this._stream._detach();
          return drained && this._locked === false;
        }
        return drained;
      }
      _createStream() {
        return new Source(this, this._header, this._offset);
      }
      _update() {
        while (this._buffer.buffered > 0 && !this.destroying) {
          if (this._missing > 0) {
            if (this._stream !== null) {
              if (this._consumeStream() === false) return;
              continue;
            }
            if (this._longHeader === true) {
              if (this._missing > this._buffer.buffered) break;
              if (this._consumeLongHeader() === false) return false;
              continue;
            }
            const ignore = this._buffer.shiftFirst(this._missing);
            if (ignore !== null) this._missing -= ignore.byteLength;
            continue;
          }
          if (this._buffer.buffered < 512) break;
          if (this._stream !== null || this._consumeHeader() === false) return;
        }
        this._continueWrite(null);
      }
      _continueWrite(err) {
        const cb = this._callback;
        this._callback = noop2;
        cb(err);
      }
      _write(data, cb) {
        this._callback = cb;
        this._buffer.push(data);
        this._update();
      }
      _final(cb) {
        this._finished = this._missing === 0 && this._buffer.buffered === 0;
        cb(this._finished ? null : new Error("Unexpected end of data"));
      }
      _predestroy() {
        this._continueWrite(null);
      }
      _destroy(cb) {
        if (this._stream) this._stream.destroy(getStreamError(this));
        cb(null);
      }
      [Symbol.asyncIterator]() {
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        let entryStream = null;
        let entryCallback = null;
        const extract2 = this;
        this.on("entry", onentry);
        this.on("error", (err) => {
          error = err;
        });
        this.on("close", onclose);
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(onnext);
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function consumeCallback(err) {
          if (!entryCallback) return;
          const cb = entryCallback;
          entryCallback = null;
          cb(err);
        }
        function onnext(resolve, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve;
          promiseReject = reject;
          consumeCallback(null);
          if (extract2._finished && promiseResolve) {
            promiseResolve({ value: void 0, done: true });
            promiseResolve = promiseReject = null;
          }
        }
        function onentry(header, stream, callback) {
          entryCallback = callback;
          stream.on("error", noop2);
          if (promiseResolve) {
            promiseResolve({ value: stream, done: false });
            promiseResolve = promiseReject = null;
          } else {
            entryStream = stream;
          }
        }
        function onclose() {
          consumeCallback(error);
          if (!promiseResolve) return;
          if (error) promiseReject(error);
          else promiseResolve({ value: void 0, done: true });
          promiseResolve = promiseReject = null;
        }
        function destroy(err) {
          extract2.destroy(err);
          consumeCallback(err);
          return new Promise((resolve, reject) => {
            if (extract2.destroyed) return resolve({ value: void 0, done: true });
            extract2.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    module.exports = function extract2(opts) {
      return new Extract(opts);
    };
    function noop2() {
    }
    function overflow(size) {
      size &= 511;
      return size && 512 - size;
    }
  }
});

// node_modules/tar-stream/constants.js
var require_constants = __commonJS({
  "node_modules/tar-stream/constants.js"(exports, module) {
    var constants = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants;
    } catch {
      module.exports = constants;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports, module) {
    var { Readable: Readable2, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR = b4a.alloc(1024);
    var Sink = class extends Writable {
      constructor(pack2, header, callback) {
        super({ mapWritable, eagerOpen: true });
        this.written = 0;
        this.header = header;
        this._callback = callback;
        this._linkname = null;
        this._isLinkname = header.type === "symlink" && !header.linkname;
        this._isVoid = header.type !== "file" && header.type !== "contiguous-file";
        this._finished = false;
        this._pack = pack2;
        this._openCallback = null;
        if (this._pack._stream === null) this._pack._stream = this;
        else this._pack._pending.push(this);
      }
      _open(cb) {
        this._openCallback = cb;
        if (this._pack._stream === this) this._continueOpen();
      }
      _continuePack(err) {
        if (this._callback === null) return;
        const callback = this._callback;
        this._callback = null;
        callback(err);
      }
      _continueOpen() {
        if (this._pack._stream === null) this._pack._stream = this;
        const cb = this._openCallback;
        this._openCallback = null;
        if (cb === null) return;
        if (this._pack.destroying) return cb(new Error("pack stream destroyed"));
        if (this._pack._finalized) return cb(new Error("pack stream is already finalized"));
        this._pack._stream = this;
        if (!this._isLinkname) {
          this._pack._encode(this.header);
        }
        if (this._isVoid) {
          this._finish();
          this._continuePack(null);
        }
        cb(null);
      }
      _write(data, cb) {
        if (this._isLinkname) {
          this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
          return cb(null);
        }
        if (this._isVoid) {
          if (data.byteLength > 0) {
            return cb(new Error("No body allowed for this entry"));
          }
          return cb();
        }
        this.written += data.byteLength;
        if (this._pack.push(data)) return cb();
        this._pack._drain = cb;
      }
      _finish() {
        if (this._finished) return;
        this._finished = true;
        if (this._isLinkname) {
          this.header.linkname = this._linkname ? b4a.toString(this._linkname, "utf-8") : "";
          this._pack._encode(this.header);
        }
        overflow(this._pack, this.header.size);
        this._pack._done(this);
      }
      _final(cb) {
        if (this.written !== this.header.size) {
          return cb(new Error("Size mismatch"));
        }
        this._finish();
        cb(null);
      }
      _getError() {
        return getStreamError(this) || new Error("tar entry destroyed");
      }
      _predestroy() {
        this._pack.destroy(this._getError());
      }
      _destroy(cb) {
        this._pack._done(this);
        this._continuePack(this._finished ? null : this._getError());
        cb();
      }
    };
    var Pack = class extends Readable2 {
      constructor(opts) {
        super(opts);
        this._drain = noop2;
        this._finalized = false;
        this._finalizing = false;
        this._pending = [];
        this._stream = null;
      }
      entry(header, buffer, callback) {
        if (this._finalized || this.destroying) throw new Error("already finalized or destroyed");
        if (typeof buffer === "function") {
          callback = buffer;
          buffer = null;
        }
        if (!callback) callback = noop2;
        if (!header.size || header.type === "symlink") header.size = 0;
        if (!header.type) header.type = modeToType(header.mode);
        if (!header.mode) header.mode = header.type === "directory" ? DMODE : FMODE;
        if (!header.uid) header.uid = 0;
        if (!header.gid) header.gid = 0;
        if (!header.mtime) header.mtime = /* @__PURE__ */ new Date();
        if (typeof buffer === "string") buffer = b4a.from(buffer);
        const sink = new Sink(this, header, callback);
        if (b4a.isBuffer(buffer)) {
          header.size = buffer.byteLength;
          sink.write(buffer);
          sink.end();
          return sink;
        }
        if (sink._isVoid) {
          return sink;
        }
        return sink;
      }
      finalize() {
        if (this._stream || this._pending.length > 0) {
          this._finalizing = true;
          return;
        }
        if (this._finalized) return;
        this._finalized = true;
        this.push(END_OF_TAR);
        this.push(null);
      }
      _done(stream) {
        if (stream !== this._stream) return;
        this._stream = null;
        if (this._finalizing) this.finalize();
        if (this._pending.length) this._pending.shift()._continueOpen();
      }
      _encode(header) {
        if (!header.pax) {
          const buf = headers.encode(header);
          if (buf) {
            this.push(buf);
            return;
          }
        }
        this._encodePax(header);
      }
      _encodePax(header) {
        const paxHeader = headers.encodePax({
          name: header.name,
          linkname: header.linkname,
          pax: header.pax
        });
        const newHeader = {
          name: "PaxHeader",
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          size: paxHeader.byteLength,
          mtime: header.mtime,
          type: "pax-header",
          linkname: header.linkname && "PaxHeader",
          uname: header.uname,
          gname: header.gname,
          devmajor: header.devmajor,
          devminor: header.devminor
        };
        this.push(headers.encode(newHeader));
        this.push(paxHeader);
        overflow(this, paxHeader.byteLength);
        newHeader.size = header.size;
        newHeader.type = header.type;
        this.push(headers.encode(newHeader));
      }
      _doDrain() {
        const drain2 = this._drain;
        this._drain = noop2;
        drain2();
      }
      _predestroy() {
        const err = getStreamError(this);
        if (this._stream) this._stream.destroy(err);
        while (this._pending.length) {
          const stream = this._pending.shift();
          stream.destroy(err);
          stream._continueOpen();
        }
        this._doDrain();
      }
      _read(cb) {
        this._doDrain();
        cb();
      }
    };
    module.exports = function pack2(opts) {
      return new Pack(opts);
    };
    function modeToType(mode) {
      switch (mode & constants.S_IFMT) {
        case constants.S_IFBLK:
          return "block-device";
        case constants.S_IFCHR:
          return "character-device";
        case constants.S_IFDIR:
          return "directory";
        case constants.S_IFIFO:
          return "fifo";
        case constants.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop2() {
    }
    function overflow(self2, size) {
      size &= 511;
      if (size) self2.push(END_OF_TAR.subarray(0, 512 - size));
    }
    function mapWritable(buf) {
      return b4a.isBuffer(buf) ? buf : b4a.from(buf);
    }
  }
});

// node_modules/tar-stream/index.js
var require_tar_stream = __commonJS({
  "node_modules/tar-stream/index.js"(exports) {
    exports.extract = require_extract();
    exports.pack = require_pack();
  }
});

// node_modules/bottleneck/light.js
var require_light = __commonJS({
  "node_modules/bottleneck/light.js"(exports, module) {
    (function(global2, factory) {
      typeof exports === "object" && typeof module !== "undefined" ? module.exports = factory() : typeof define === "function" && define.amd ? define(factory) : global2.Bottleneck = factory();
    })(exports, (function() {
      "use strict";
      var commonjsGlobal = typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : typeof global !== "undefined" ? global : typeof self !== "undefined" ? self : {};
      function getCjsExportFromNamespace(n) {
        return n && n["default"] || n;
      }
      var load = function(received, defaults, onto = {}) {
        var k, ref, v;
        for (k in defaults) {
          v = defaults[k];
          onto[k] = (ref = received[k]) != null ? ref : v;
        }
        return onto;
      };
      var overwrite = function(received, defaults, onto = {}) {
        var k, v;
        for (k in received) {
          v = received[k];
          if (defaults[k] !== void 0) {
            onto[k] = v;
          }
        }
        return onto;
      };
      var parser = {
        load,
        overwrite
      };
      var DLList;
      DLList = class DLList {
        constructor(incr, decr) {
          this.incr = incr;
          this.decr = decr;
          this._first = null;
          this._last = null;
          this.length = 0;
        }
        push(value) {
          var node;
          this.length++;
          if (typeof this.incr === "function") {
            this.incr();
          }
          node = {
            value,
            prev: this._last,
            next: null
          };
          if (this._last != null) {
            this._last.next = node;
            this._last = node;
          } else {
            this._first = this._last = node;
          }
          return void 0;
        }
        shift() {
          var value;
          if (this._first == null) {
            return;
          } else {
            this.length--;
            if (typeof this.decr === "function") {
              this.decr();
            }
          }
          value = this._first.value;
          if ((this._first = this._first.next) != null) {
            this._first.prev = null;
          } else {
            this._last = null;
          }
          return value;
        }
        first() {
          if (this._first != null) {
            return this._first.value;
          }
        }
        getArray() {
          var node, ref, results;
          node = this._first;
          results = [];
          while (node != null) {
            results.push((ref = node, node = node.next, ref.value));
          }
          return results;
        }
        forEachShift(cb) {
          var node;
          node = this.shift();
          while (node != null) {
            cb(node), node = this.shift();
          }
          return void 0;
        }
        debug() {
          var node, ref, ref1, ref2, results;
          node = this._first;
          results = [];
          while (node != null) {
            results.push((ref = node, node = node.next, {
              value: ref.value,
              prev: (ref1 = ref.prev) != null ? ref1.value : void 0,
              next: (ref2 = ref.next) != null ? ref2.value : void 0
            }));
          }
          return results;
        }
      };
      var DLList_1 = DLList;
      var Events;
      Events = class Events {
        constructor(instance) {
          this.instance = instance;
          this._events = {};
          if (this.instance.on != null || this.instance.once != null || this.instance.removeAllListeners != null) {
            throw new Error("An Emitter already exists for this object");
          }
          this.instance.on = (name, cb) => {
            return this._addListener(name, "many", cb);
          };
          this.instance.once = (name, cb) => {
            return this._addListener(name, "once", cb);
          };
          this.instance.removeAllListeners = (name = null) => {
            if (name != null) {
              return delete this._events[name];
            } else {
              return this._events = {};
            }
          };
        }
        _addListener(name, status, cb) {
          var base;
          if ((base = this._events)[name] == null) {
            base[name] = [];
          }
          this._events[name].push({ cb, status });
          return this.instance;
        }
        listenerCount(name) {
          if (this._events[name] != null) {
            return this._events[name].length;
          } else {
            return 0;
          }
        }
        async trigger(name, ...args) {
          var e, promises;
          try {
            if (name !== "debug") {
              this.trigger("debug", `Event triggered: ${name}`, args);
            }
            if (this._events[name] == null) {
              return;
            }
            this._events[name] = this._events[name].filter(function(listener) {
              return listener.status !== "none";
            });
            promises = this._events[name].map(async (listener) => {
              var e2, returned;
              if (listener.status === "none") {
                return;
              }
              if (listener.status === "once") {
                listener.status = "none";
              }
              try {
                returned = typeof listener.cb === "function" ? listener.cb(...args) : void 0;
                if (typeof (returned != null ? returned.then : void 0) === "function") {
                  return await returned;
                } else {
                  return returned;
                }
              } catch (error) {
                e2 = error;
                {
                  this.trigger("error", e2);
                }
                return null;
              }
            });
            return (await Promise.all(promises)).find(function(x) {
              return x != null;
            });
          } catch (error) {
            e = error;
            {
              this.trigger("error", e);
            }
            return null;
          }
        }
      };
      var Events_1 = Events;
      var DLList$1, Events$1, Queues;
      DLList$1 = DLList_1;
      Events$1 = Events_1;
      Queues = class Queues {
        constructor(num_priorities) {
          var i;
          this.Events = new Events$1(this);
          this._length = 0;
          this._lists = (function() {
            var j, ref, results;
            results = [];
            for (i = j = 1, ref = num_priorities; 1 <= ref ? j <= ref : j >= ref; i = 1 <= ref ? ++j : --j) {
              results.push(new DLList$1((() => {
                return this.incr();
              }), (() => {
                return this.decr();
              })));
            }
            return results;
          }).call(this);
        }
        incr() {
          if (this._length++ === 0) {
            return this.Events.trigger("leftzero");
          }
        }
        decr() {
          if (--this._length === 0) {
            return this.Events.trigger("zero");
          }
        }
        push(job) {
          return this._lists[job.options.priority].push(job);
        }
        queued(priority) {
          if (priority != null) {
            return this._lists[priority].length;
          } else {
            return this._length;
          }
        }
        shiftAll(fn) {
          return this._lists.forEach(function(list) {
            return list.forEachShift(fn);
          });
        }
        getFirst(arr = this._lists) {
          var j, len, list;
          for (j = 0, len = arr.length; j < len; j++) {
            list = arr[j];
            if (list.length > 0) {
              return list;
            }
          }
          return [];
        }
        shiftLastFrom(priority) {
          return this.getFirst(this._lists.slice(priority).reverse()).shift();
        }
      };
      var Queues_1 = Queues;
      var BottleneckError;
      BottleneckError = class BottleneckError extends Error {
      };
      var BottleneckError_1 = BottleneckError;
      var BottleneckError$1, DEFAULT_PRIORITY, Job, NUM_PRIORITIES, parser$1;
      NUM_PRIORITIES = 10;
      DEFAULT_PRIORITY = 5;
      parser$1 = parser;
      BottleneckError$1 = BottleneckError_1;
      Job = class Job {
        constructor(task, args, options, jobDefaults, rejectOnDrop, Events2, _states, Promise2) {
          this.task = task;
          this.args = args;
          this.rejectOnDrop = rejectOnDrop;
          this.Events = Events2;
          this._states = _states;
          this.Promise = Promise2;
          this.options = parser$1.load(options, jobDefaults);
          this.options.priority = this._sanitizePriority(this.options.priority);
          if (this.options.id === jobDefaults.id) {
            this.options.id = `${this.options.id}-${this._randomIndex()}`;
          }
          this.promise = new this.Promise((_resolve, _reject) => {
            this._resolve = _resolve;
            this._reject = _reject;
          });
          this.retryCount = 0;
        }
        _sanitizePriority(priority) {
          var sProperty;
          sProperty = ~~priority !== priority ? DEFAULT_PRIORITY : priority;
          if (sProperty < 0) {
            return 0;
          } else if (sProperty > NUM_PRIORITIES - 1) {
            return NUM_PRIORITIES - 1;
          } else {
            return sProperty;
          }
        }
        _randomIndex() {
          return Math.random().toString(36).slice(2);
        }
        doDrop({ error, message: message2 = "This job has been dropped by Bottleneck" } = {}) {
          if (this._states.remove(this.options.id)) {
            if (this.rejectOnDrop) {
              this._reject(error != null ? error : new BottleneckError$1(message2));
            }
            this.Events.trigger("dropped", { args: this.args, options: this.options, task: this.task, promise: this.promise });
            return true;
          } else {
            return false;
          }
        }
        _assertStatus(expected) {
          var status;
          status = this._states.jobStatus(this.options.id);
          if (!(status === expected || expected === "DONE" && status === null)) {
            throw new BottleneckError$1(`Invalid job status ${status}, expected ${expected}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`);
          }
        }
        doReceive() {
          this._states.start(this.options.id);
          return this.Events.trigger("received", { args: this.args, options: this.options });
        }
        doQueue(reachedHWM, blocked) {
          this._assertStatus("RECEIVED");
          this._states.next(this.options.id);
          return this.Events.trigger("queued", { args: this.args, options: this.options, reachedHWM, blocked });
        }
        doRun() {
          if (this.retryCount === 0) {
            this._assertStatus("QUEUED");
            this._states.next(this.options.id);
          } else {
            this._assertStatus("EXECUTING");
          }
          return this.Events.trigger("scheduled", { args: this.args, options: this.options });
        }
        async doExecute(chained, clearGlobalState, run2, free) {
          var error, eventInfo, passed;
          if (this.retryCount === 0) {
            this._assertStatus("RUNNING");
            this._states.next(this.options.id);
          } else {
            this._assertStatus("EXECUTING");
          }
          eventInfo = { args: this.args, options: this.options, retryCount: this.retryCount };
          this.Events.trigger("executing", eventInfo);
          try {
            passed = await (chained != null ? chained.schedule(this.options, this.task, ...this.args) : this.task(...this.args));
            if (clearGlobalState()) {
              this.doDone(eventInfo);
              await free(this.options, eventInfo);
              this._assertStatus("DONE");
              return this._resolve(passed);
            }
          } catch (error1) {
            error = error1;
            return this._onFailure(error, eventInfo, clearGlobalState, run2, free);
          }
        }
        doExpire(clearGlobalState, run2, free) {
          var error, eventInfo;
          if (this._states.jobStatus(this.options.id === "RUNNING")) {
            this._states.next(this.options.id);
          }
          this._assertStatus("EXECUTING");
          eventInfo = { args: this.args, options: this.options, retryCount: this.retryCount };
          error = new BottleneckError$1(`This job timed out after ${this.options.expiration} ms.`);
          return this._onFailure(error, eventInfo, clearGlobalState, run2, free);
        }
        async _onFailure(error, eventInfo, clearGlobalState, run2, free) {
          var retry2, retryAfter;
          if (clearGlobalState()) {
            retry2 = await this.Events.trigger("failed", error, eventInfo);
            if (retry2 != null) {
              retryAfter = ~~retry2;
              this.Events.trigger("retry", `Retrying ${this.options.id} after ${retryAfter} ms`, eventInfo);
              this.retryCount++;
              return run2(retryAfter);
            } else {
              this.doDone(eventInfo);
              await free(this.options, eventInfo);
              this._assertStatus("DONE");
              return this._reject(error);
            }
          }
        }
        doDone(eventInfo) {
          this._assertStatus("EXECUTING");
          this._states.next(this.options.id);
          return this.Events.trigger("done", eventInfo);
        }
      };
      var Job_1 = Job;
      var BottleneckError$2, LocalDatastore, parser$2;
      parser$2 = parser;
      BottleneckError$2 = BottleneckError_1;
      LocalDatastore = class LocalDatastore {
        constructor(instance, storeOptions, storeInstanceOptions) {
          this.instance = instance;
          this.storeOptions = storeOptions;
          this.clientId = this.instance._randomIndex();
          parser$2.load(storeInstanceOptions, storeInstanceOptions, this);
          this._nextRequest = this._lastReservoirRefresh = this._lastReservoirIncrease = Date.now();
          this._running = 0;
          this._done = 0;
          this._unblockTime = 0;
          this.ready = this.Promise.resolve();
          this.clients = {};
          this._startHeartbeat();
        }
        _startHeartbeat() {
          var base;
          if (this.heartbeat == null && (this.storeOptions.reservoirRefreshInterval != null && this.storeOptions.reservoirRefreshAmount != null || this.storeOptions.reservoirIncreaseInterval != null && this.storeOptions.reservoirIncreaseAmount != null)) {
            return typeof (base = this.heartbeat = setInterval(() => {
              var amount, incr, maximum, now, reservoir;
              now = Date.now();
              if (this.storeOptions.reservoirRefreshInterval != null && now >= this._lastReservoirRefresh + this.storeOptions.reservoirRefreshInterval) {
                this._lastReservoirRefresh = now;
                this.storeOptions.reservoir = this.storeOptions.reservoirRefreshAmount;
                this.instance._drainAll(this.computeCapacity());
              }
              if (this.storeOptions.reservoirIncreaseInterval != null && now >= this._lastReservoirIncrease + this.storeOptions.reservoirIncreaseInterval) {
                ({
                  reservoirIncreaseAmount: amount,
                  reservoirIncreaseMaximum: maximum,
                  reservoir
                } = this.storeOptions);
                this._lastReservoirIncrease = now;
                incr = maximum != null ? Math.min(amount, maximum - reservoir) : amount;
                if (incr > 0) {
                  this.storeOptions.reservoir += incr;
                  return this.instance._drainAll(this.computeCapacity());
                }
              }
            }, this.heartbeatInterval)).unref === "function" ? base.unref() : void 0;
          } else {
            return clearInterval(this.heartbeat);
          }
        }
        async __publish__(message2) {
          await this.yieldLoop();
          return this.instance.Events.trigger("message", message2.toString());
        }
        async __disconnect__(flush) {
          await this.yieldLoop();
          clearInterval(this.heartbeat);
          return this.Promise.resolve();
        }
        yieldLoop(t = 0) {
          return new this.Promise(function(resolve, reject) {
            return setTimeout(resolve, t);
          });
        }
        computePenalty() {
          var ref;
          return (ref = this.storeOptions.penalty) != null ? ref : 15 * this.storeOptions.minTime || 5e3;
        }
        async __updateSettings__(options) {
          await this.yieldLoop();
          parser$2.overwrite(options, options, this.storeOptions);
          this._startHeartbeat();
          this.instance._drainAll(this.computeCapacity());
          return true;
        }
        async __running__() {
          await this.yieldLoop();
          return this._running;
        }
        async __queued__() {
          await this.yieldLoop();
          return this.instance.queued();
        }
        async __done__() {
          await this.yieldLoop();
          return this._done;
        }
        async __groupCheck__(time) {
          await this.yieldLoop();
          return this._nextRequest + this.timeout < time;
        }
        computeCapacity() {
          var maxConcurrent, reservoir;
          ({ maxConcurrent, reservoir } = this.storeOptions);
          if (maxConcurrent != null && reservoir != null) {
            return Math.min(maxConcurrent - this._running, reservoir);
          } else if (maxConcurrent != null) {
            return maxConcurrent - this._running;
          } else if (reservoir != null) {
            return reservoir;
          } else {
            return null;
          }
        }
        conditionsCheck(weight) {
          var capacity;
          capacity = this.computeCapacity();
          return capacity == null || weight <= capacity;
        }
        async __incrementReservoir__(incr) {
          var reservoir;
          await this.yieldLoop();
          reservoir = this.storeOptions.reservoir += incr;
          this.instance._drainAll(this.computeCapacity());
          return reservoir;
        }
        async __currentReservoir__() {
          await this.yieldLoop();
          return this.storeOptions.reservoir;
        }
        isBlocked(now) {
          return this._unblockTime >= now;
        }
        check(weight, now) {
          return this.conditionsCheck(weight) && this._nextRequest - now <= 0;
        }
        async __check__(weight) {
          var now;
          await this.yieldLoop();
          now = Date.now();
          return this.check(weight, now);
        }
        async __register__(index, weight, expiration) {
          var now, wait;
          await this.yieldLoop();
          now = Date.now();
          if (this.conditionsCheck(weight)) {
            this._running += weight;
            if (this.storeOptions.reservoir != null) {
              this.storeOptions.reservoir -= weight;
            }
            wait = Math.max(this._nextRequest - now, 0);
            this._nextRequest = now + wait + this.storeOptions.minTime;
            return {
              success: true,
              wait,
              reservoir: this.storeOptions.reservoir
            };
          } else {
            return {
              success: false
            };
          }
        }
        strategyIsBlock() {
          return this.storeOptions.strategy === 3;
        }
        async __submit__(queueLength, weight) {
          var blocked, now, reachedHWM;
          await this.yieldLoop();
          if (this.storeOptions.maxConcurrent != null && weight > this.storeOptions.maxConcurrent) {
            throw new BottleneckError$2(`Impossible to add a job having a weight of ${weight} to a limiter having a maxConcurrent setting of ${this.storeOptions.maxConcurrent}`);
          }
          now = Date.now();
          reachedHWM = this.storeOptions.highWater != null && queueLength === this.storeOptions.highWater && !this.check(weight, now);
          blocked = this.strategyIsBlock() && (reachedHWM || this.isBlocked(now));
          if (blocked) {
            this._unblockTime = now + this.computePenalty();
            this._nextRequest = this._unblockTime + this.storeOptions.minTime;
            this.instance._dropAllQueued();
          }
          return {
            reachedHWM,
            blocked,
            strategy: this.storeOptions.strategy
          };
        }
        async __free__(index, weight) {
          await this.yieldLoop();
          this._running -= weight;
          this._done += weight;
          this.instance._drainAll(this.computeCapacity());
          return {
            running: this._running
          };
        }
      };
      var LocalDatastore_1 = LocalDatastore;
      var BottleneckError$3, States;
      BottleneckError$3 = BottleneckError_1;
      States = class States {
        constructor(status1) {
          this.status = status1;
          this._jobs = {};
          this.counts = this.status.map(function() {
            return 0;
          });
        }
        next(id) {
          var current, next;
          current = this._jobs[id];
          next = current + 1;
          if (current != null && next < this.status.length) {
            this.counts[current]--;
            this.counts[next]++;
            return this._jobs[id]++;
          } else if (current != null) {
            this.counts[current]--;
            return delete this._jobs[id];
          }
        }
        start(id) {
          var initial;
          initial = 0;
          this._jobs[id] = initial;
          return this.counts[initial]++;
        }
        remove(id) {
          var current;
          current = this._jobs[id];
          if (current != null) {
            this.counts[current]--;
            delete this._jobs[id];
          }
          return current != null;
        }
        jobStatus(id) {
          var ref;
          return (ref = this.status[this._jobs[id]]) != null ? ref : null;
        }
        statusJobs(status) {
          var k, pos, ref, results, v;
          if (status != null) {
            pos = this.status.indexOf(status);
            if (pos < 0) {
              throw new BottleneckError$3(`status must be one of ${this.status.join(", ")}`);
            }
            ref = this._jobs;
            results = [];
            for (k in ref) {
              v = ref[k];
              if (v === pos) {
                results.push(k);
              }
            }
            return results;
          } else {
            return Object.keys(this._jobs);
          }
        }
        statusCounts() {
          return this.counts.reduce(((acc, v, i) => {
            acc[this.status[i]] = v;
            return acc;
          }), {});
        }
      };
      var States_1 = States;
      var DLList$2, Sync;
      DLList$2 = DLList_1;
      Sync = class Sync {
        constructor(name, Promise2) {
          this.schedule = this.schedule.bind(this);
          this.name = name;
          this.Promise = Promise2;
          this._running = 0;
          this._queue = new DLList$2();
        }
        isEmpty() {
          return this._queue.length === 0;
        }
        async _tryToRun() {
          var args, cb, error, reject, resolve, returned, task;
          if (this._running < 1 && this._queue.length > 0) {
            this._running++;
            ({ task, args, resolve, reject } = this._queue.shift());
            cb = await (async function() {
              try {
                returned = await task(...args);
                return function() {
                  return resolve(returned);
                };
              } catch (error1) {
                error = error1;
                return function() {
                  return reject(error);
                };
              }
            })();
            this._running--;
            this._tryToRun();
            return cb();
          }
        }
        schedule(task, ...args) {
          var promise, reject, resolve;
          resolve = reject = null;
          promise = new this.Promise(function(_resolve, _reject) {
            resolve = _resolve;
            return reject = _reject;
          });
          this._queue.push({ task, args, resolve, reject });
          this._tryToRun();
          return promise;
        }
      };
      var Sync_1 = Sync;
      var version = "2.19.5";
      var version$1 = {
        version
      };
      var version$2 = /* @__PURE__ */ Object.freeze({
        version,
        default: version$1
      });
      var require$$2 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$3 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$4 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var Events$2, Group, IORedisConnection$1, RedisConnection$1, Scripts$1, parser$3;
      parser$3 = parser;
      Events$2 = Events_1;
      RedisConnection$1 = require$$2;
      IORedisConnection$1 = require$$3;
      Scripts$1 = require$$4;
      Group = (function() {
        class Group2 {
          constructor(limiterOptions = {}) {
            this.deleteKey = this.deleteKey.bind(this);
            this.limiterOptions = limiterOptions;
            parser$3.load(this.limiterOptions, this.defaults, this);
            this.Events = new Events$2(this);
            this.instances = {};
            this.Bottleneck = Bottleneck_1;
            this._startAutoCleanup();
            this.sharedConnection = this.connection != null;
            if (this.connection == null) {
              if (this.limiterOptions.datastore === "redis") {
                this.connection = new RedisConnection$1(Object.assign({}, this.limiterOptions, { Events: this.Events }));
              } else if (this.limiterOptions.datastore === "ioredis") {
                this.connection = new IORedisConnection$1(Object.assign({}, this.limiterOptions, { Events: this.Events }));
              }
            }
          }
          key(key = "") {
            var ref;
            return (ref = this.instances[key]) != null ? ref : (() => {
              var limiter;
              limiter = this.instances[key] = new this.Bottleneck(Object.assign(this.limiterOptions, {
                id: `${this.id}-${key}`,
                timeout: this.timeout,
                connection: this.connection
              }));
              this.Events.trigger("created", limiter, key);
              return limiter;
            })();
          }
          async deleteKey(key = "") {
            var deleted, instance;
            instance = this.instances[key];
            if (this.connection) {
              deleted = await this.connection.__runCommand__(["del", ...Scripts$1.allKeys(`${this.id}-${key}`)]);
            }
            if (instance != null) {
              delete this.instances[key];
              await instance.disconnect();
            }
            return instance != null || deleted > 0;
          }
          limiters() {
            var k, ref, results, v;
            ref = this.instances;
            results = [];
            for (k in ref) {
              v = ref[k];
              results.push({
                key: k,
                limiter: v
              });
            }
            return results;
          }
          keys() {
            return Object.keys(this.instances);
          }
          async clusterKeys() {
            var cursor, end, found, i, k, keys, len, next, start;
            if (this.connection == null) {
              return this.Promise.resolve(this.keys());
            }
            keys = [];
            cursor = null;
            start = `b_${this.id}-`.length;
            end = "_settings".length;
            while (cursor !== 0) {
              [next, found] = await this.connection.__runCommand__(["scan", cursor != null ? cursor : 0, "match", `b_${this.id}-*_settings`, "count", 1e4]);
              cursor = ~~next;
              for (i = 0, len = found.length; i < len; i++) {
                k = found[i];
                keys.push(k.slice(start, -end));
              }
            }
            return keys;
          }
          _startAutoCleanup() {
            var base;
            clearInterval(this.interval);
            return typeof (base = this.interval = setInterval(async () => {
              var e, k, ref, results, time, v;
              time = Date.now();
              ref = this.instances;
              results = [];
              for (k in ref) {
                v = ref[k];
                try {
                  if (await v._store.__groupCheck__(time)) {
                    results.push(this.deleteKey(k));
                  } else {
                    results.push(void 0);
                  }
                } catch (error) {
                  e = error;
                  results.push(v.Events.trigger("error", e));
                }
              }
              return results;
            }, this.timeout / 2)).unref === "function" ? base.unref() : void 0;
          }
          updateSettings(options = {}) {
            parser$3.overwrite(options, this.defaults, this);
            parser$3.overwrite(options, options, this.limiterOptions);
            if (options.timeout != null) {
              return this._startAutoCleanup();
            }
          }
          disconnect(flush = true) {
            var ref;
            if (!this.sharedConnection) {
              return (ref = this.connection) != null ? ref.disconnect(flush) : void 0;
            }
          }
        }
        Group2.prototype.defaults = {
          timeout: 1e3 * 60 * 5,
          connection: null,
          Promise,
          id: "group-key"
        };
        return Group2;
      }).call(commonjsGlobal);
      var Group_1 = Group;
      var Batcher, Events$3, parser$4;
      parser$4 = parser;
      Events$3 = Events_1;
      Batcher = (function() {
        class Batcher2 {
          constructor(options = {}) {
            this.options = options;
            parser$4.load(this.options, this.defaults, this);
            this.Events = new Events$3(this);
            this._arr = [];
            this._resetPromise();
            this._lastFlush = Date.now();
          }
          _resetPromise() {
            return this._promise = new this.Promise((res, rej) => {
              return this._resolve = res;
            });
          }
          _flush() {
            clearTimeout(this._timeout);
            this._lastFlush = Date.now();
            this._resolve();
            this.Events.trigger("batch", this._arr);
            this._arr = [];
            return this._resetPromise();
          }
          add(data) {
            var ret;
            this._arr.push(data);
            ret = this._promise;
            if (this._arr.length === this.maxSize) {
              this._flush();
            } else if (this.maxTime != null && this._arr.length === 1) {
              this._timeout = setTimeout(() => {
                return this._flush();
              }, this.maxTime);
            }
            return ret;
          }
        }
        Batcher2.prototype.defaults = {
          maxTime: null,
          maxSize: null,
          Promise
        };
        return Batcher2;
      }).call(commonjsGlobal);
      var Batcher_1 = Batcher;
      var require$$4$1 = () => console.log("You must import the full version of Bottleneck in order to use this feature.");
      var require$$8 = getCjsExportFromNamespace(version$2);
      var Bottleneck2, DEFAULT_PRIORITY$1, Events$4, Job$1, LocalDatastore$1, NUM_PRIORITIES$1, Queues$1, RedisDatastore$1, States$1, Sync$1, parser$5, splice = [].splice;
      NUM_PRIORITIES$1 = 10;
      DEFAULT_PRIORITY$1 = 5;
      parser$5 = parser;
      Queues$1 = Queues_1;
      Job$1 = Job_1;
      LocalDatastore$1 = LocalDatastore_1;
      RedisDatastore$1 = require$$4$1;
      Events$4 = Events_1;
      States$1 = States_1;
      Sync$1 = Sync_1;
      Bottleneck2 = (function() {
        class Bottleneck3 {
          constructor(options = {}, ...invalid) {
            var storeInstanceOptions, storeOptions;
            this._addToQueue = this._addToQueue.bind(this);
            this._validateOptions(options, invalid);
            parser$5.load(options, this.instanceDefaults, this);
            this._queues = new Queues$1(NUM_PRIORITIES$1);
            this._scheduled = {};
            this._states = new States$1(["RECEIVED", "QUEUED", "RUNNING", "EXECUTING"].concat(this.trackDoneStatus ? ["DONE"] : []));
            this._limiter = null;
            this.Events = new Events$4(this);
            this._submitLock = new Sync$1("submit", this.Promise);
            this._registerLock = new Sync$1("register", this.Promise);
            storeOptions = parser$5.load(options, this.storeDefaults, {});
            this._store = (function() {
              if (this.datastore === "redis" || this.datastore === "ioredis" || this.connection != null) {
                storeInstanceOptions = parser$5.load(options, this.redisStoreDefaults, {});
                return new RedisDatastore$1(this, storeOptions, storeInstanceOptions);
              } else if (this.datastore === "local") {
                storeInstanceOptions = parser$5.load(options, this.localStoreDefaults, {});
                return new LocalDatastore$1(this, storeOptions, storeInstanceOptions);
              } else {
                throw new Bottleneck3.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`);
              }
            }).call(this);
            this._queues.on("leftzero", () => {
              var ref;
              return (ref = this._store.heartbeat) != null ? typeof ref.ref === "function" ? ref.ref() : void 0 : void 0;
            });
            this._queues.on("zero", () => {
              var ref;
              return (ref = this._store.heartbeat) != null ? typeof ref.unref === "function" ? ref.unref() : void 0 : void 0;
            });
          }
          _validateOptions(options, invalid) {
            if (!(options != null && typeof options === "object" && invalid.length === 0)) {
              throw new Bottleneck3.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.");
            }
          }
          ready() {
            return this._store.ready;
          }
          clients() {
            return this._store.clients;
          }
          channel() {
            return `b_${this.id}`;
          }
          channel_client() {
            return `b_${this.id}_${this._store.clientId}`;
          }
          publish(message2) {
            return this._store.__publish__(message2);
          }
          disconnect(flush = true) {
            return this._store.__disconnect__(flush);
          }
          chain(_limiter) {
            this._limiter = _limiter;
            return this;
          }
          queued(priority) {
            return this._queues.queued(priority);
          }
          clusterQueued() {
            return this._store.__queued__();
          }
          empty() {
            return this.queued() === 0 && this._submitLock.isEmpty();
          }
          running() {
            return this._store.__running__();
          }
          done() {
            return this._store.__done__();
          }
          jobStatus(id) {
            return this._states.jobStatus(id);
          }
          jobs(status) {
            return this._states.statusJobs(status);
          }
          counts() {
            return this._states.statusCounts();
          }
          _randomIndex() {
            return Math.random().toString(36).slice(2);
          }
          check(weight = 1) {
            return this._store.__check__(weight);
          }
          _clearGlobalState(index) {
            if (this._scheduled[index] != null) {
              clearTimeout(this._scheduled[index].expiration);
              delete this._scheduled[index];
              return true;
            } else {
              return false;
            }
          }
          async _free(index, job, options, eventInfo) {
            var e, running;
            try {
              ({ running } = await this._store.__free__(index, options.weight));
              this.Events.trigger("debug", `Freed ${options.id}`, eventInfo);
              if (running === 0 && this.empty()) {
                return this.Events.trigger("idle");
              }
            } catch (error1) {
              e = error1;
              return this.Events.trigger("error", e);
            }
          }
          _run(index, job, wait) {
            var clearGlobalState, free, run2;
            job.doRun();
            clearGlobalState = this._clearGlobalState.bind(this, index);
            run2 = this._run.bind(this, index, job);
            free = this._free.bind(this, index, job);
            return this._scheduled[index] = {
              timeout: setTimeout(() => {
                return job.doExecute(this._limiter, clearGlobalState, run2, free);
              }, wait),
              expiration: job.options.expiration != null ? setTimeout(function() {
                return job.doExpire(clearGlobalState, run2, free);
              }, wait + job.options.expiration) : void 0,
              job
            };
          }
          _drainOne(capacity) {
            return this._registerLock.schedule(() => {
              var args, index, next, options, queue;
              if (this.queued() === 0) {
                return this.Promise.resolve(null);
              }
              queue = this._queues.getFirst();
              ({ options, args } = next = queue.first());
              if (capacity != null && options.weight > capacity) {
                return this.Promise.resolve(null);
              }
              this.Events.trigger("debug", `Draining ${options.id}`, { args, options });
              index = this._randomIndex();
              return this._store.__register__(index, options.weight, options.expiration).then(({ success, wait, reservoir }) => {
                var empty;
                this.Events.trigger("debug", `Drained ${options.id}`, { success, args, options });
                if (success) {
                  queue.shift();
                  empty = this.empty();
                  if (empty) {
                    this.Events.trigger("empty");
                  }
                  if (reservoir === 0) {
                    this.Events.trigger("depleted", empty);
                  }
                  this._run(index, next, wait);
                  return this.Promise.resolve(options.weight);
                } else {
                  return this.Promise.resolve(null);
                }
              });
            });
          }
          _drainAll(capacity, total = 0) {
            return this._drainOne(capacity).then((drained) => {
              var newCapacity;
              if (drained != null) {
                newCapacity = capacity != null ? capacity - drained : capacity;
                return this._drainAll(newCapacity, total + drained);
              } else {
                return this.Promise.resolve(total);
              }
            }).catch((e) => {
              return this.Events.trigger("error", e);
            });
          }
          _dropAllQueued(message2) {
            return this._queues.shiftAll(function(job) {
              return job.doDrop({ message: message2 });
            });
          }
          stop(options = {}) {
            var done, waitForExecuting;
            options = parser$5.load(options, this.stopDefaults);
            waitForExecuting = (at2) => {
              var finished;
              finished = () => {
                var counts;
                counts = this._states.counts;
                return counts[0] + counts[1] + counts[2] + counts[3] === at2;
              };
              return new this.Promise((resolve, reject) => {
                if (finished()) {
                  return resolve();
                } else {
                  return this.on("done", () => {
                    if (finished()) {
                      this.removeAllListeners("done");
                      return resolve();
                    }
                  });
                }
              });
            };
            done = options.dropWaitingJobs ? (this._run = function(index, next) {
              return next.doDrop({
                message: options.dropErrorMessage
              });
            }, this._drainOne = () => {
              return this.Promise.resolve(null);
            }, this._registerLock.schedule(() => {
              return this._submitLock.schedule(() => {
                var k, ref, v;
                ref = this._scheduled;
                for (k in ref) {
                  v = ref[k];
                  if (this.jobStatus(v.job.options.id) === "RUNNING") {
                    clearTimeout(v.timeout);
                    clearTimeout(v.expiration);
                    v.job.doDrop({
                      message: options.dropErrorMessage
                    });
                  }
                }
                this._dropAllQueued(options.dropErrorMessage);
                return waitForExecuting(0);
              });
            })) : this.schedule({
              priority: NUM_PRIORITIES$1 - 1,
              weight: 0
            }, () => {
              return waitForExecuting(1);
            });
            this._receive = function(job) {
              return job._reject(new Bottleneck3.prototype.BottleneckError(options.enqueueErrorMessage));
            };
            this.stop = () => {
              return this.Promise.reject(new Bottleneck3.prototype.BottleneckError("stop() has already been called"));
            };
            return done;
          }
          async _addToQueue(job) {
            var args, blocked, error, options, reachedHWM, shifted, strategy;
            ({ args, options } = job);
            try {
              ({ reachedHWM, blocked, strategy } = await this._store.__submit__(this.queued(), options.weight));
            } catch (error1) {
              error = error1;
              this.Events.trigger("debug", `Could not queue ${options.id}`, { args, options, error });
              job.doDrop({ error });
              return false;
            }
            if (blocked) {
              job.doDrop();
              return true;
            } else if (reachedHWM) {
              shifted = strategy === Bottleneck3.prototype.strategy.LEAK ? this._queues.shiftLastFrom(options.priority) : strategy === Bottleneck3.prototype.strategy.OVERFLOW_PRIORITY ? this._queues.shiftLastFrom(options.priority + 1) : strategy === Bottleneck3.prototype.strategy.OVERFLOW ? job : void 0;
              if (shifted != null) {
                shifted.doDrop();
              }
              if (shifted == null || strategy === Bottleneck3.prototype.strategy.OVERFLOW) {
                if (shifted == null) {
                  job.doDrop();
                }
                return reachedHWM;
              }
            }
            job.doQueue(reachedHWM, blocked);
            this._queues.push(job);
            await this._drainAll();
            return reachedHWM;
          }
          _receive(job) {
            if (this._states.jobStatus(job.options.id) != null) {
              job._reject(new Bottleneck3.prototype.BottleneckError(`A job with the same id already exists (id=${job.options.id})`));
              return false;
            } else {
              job.doReceive();
              return this._submitLock.schedule(this._addToQueue, job);
            }
          }
          submit(...args) {
            var cb, fn, job, options, ref, ref1, task;
            if (typeof args[0] === "function") {
              ref = args, [fn, ...args] = ref, [cb] = splice.call(args, -1);
              options = parser$5.load({}, this.jobDefaults);
            } else {
              ref1 = args, [options, fn, ...args] = ref1, [cb] = splice.call(args, -1);
              options = parser$5.load(options, this.jobDefaults);
            }
            task = (...args2) => {
              return new this.Promise(function(resolve, reject) {
                return fn(...args2, function(...args3) {
                  return (args3[0] != null ? reject : resolve)(args3);
                });
              });
            };
            job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
            job.promise.then(function(args2) {
              return typeof cb === "function" ? cb(...args2) : void 0;
            }).catch(function(args2) {
              if (Array.isArray(args2)) {
                return typeof cb === "function" ? cb(...args2) : void 0;
              } else {
                return typeof cb === "function" ? cb(args2) : void 0;
              }
            });
            return this._receive(job);
          }
          schedule(...args) {
            var job, options, task;
            if (typeof args[0] === "function") {
              [task, ...args] = args;
              options = {};
            } else {
              [options, task, ...args] = args;
            }
            job = new Job$1(task, args, options, this.jobDefaults, this.rejectOnDrop, this.Events, this._states, this.Promise);
            this._receive(job);
            return job.promise;
          }
          wrap(fn) {
            var schedule, wrapped;
            schedule = this.schedule.bind(this);
            wrapped = function(...args) {
              return schedule(fn.bind(this), ...args);
            };
            wrapped.withOptions = function(options, ...args) {
              return schedule(options, fn, ...args);
            };
            return wrapped;
          }
          async updateSettings(options = {}) {
            await this._store.__updateSettings__(parser$5.overwrite(options, this.storeDefaults));
            parser$5.overwrite(options, this.instanceDefaults, this);
            return this;
          }
          currentReservoir() {
            return this._store.__currentReservoir__();
          }
          incrementReservoir(incr = 0) {
            return this._store.__incrementReservoir__(incr);
          }
        }
        Bottleneck3.default = Bottleneck3;
        Bottleneck3.Events = Events$4;
        Bottleneck3.version = Bottleneck3.prototype.version = require$$8.version;
        Bottleneck3.strategy = Bottleneck3.prototype.strategy = {
          LEAK: 1,
          OVERFLOW: 2,
          OVERFLOW_PRIORITY: 4,
          BLOCK: 3
        };
        Bottleneck3.BottleneckError = Bottleneck3.prototype.BottleneckError = BottleneckError_1;
        Bottleneck3.Group = Bottleneck3.prototype.Group = Group_1;
        Bottleneck3.RedisConnection = Bottleneck3.prototype.RedisConnection = require$$2;
        Bottleneck3.IORedisConnection = Bottleneck3.prototype.IORedisConnection = require$$3;
        Bottleneck3.Batcher = Bottleneck3.prototype.Batcher = Batcher_1;
        Bottleneck3.prototype.jobDefaults = {
          priority: DEFAULT_PRIORITY$1,
          weight: 1,
          expiration: null,
          id: "<no-id>"
        };
        Bottleneck3.prototype.storeDefaults = {
          maxConcurrent: null,
          minTime: 0,
          highWater: null,
          strategy: Bottleneck3.prototype.strategy.LEAK,
          penalty: null,
          reservoir: null,
          reservoirRefreshInterval: null,
          reservoirRefreshAmount: null,
          reservoirIncreaseInterval: null,
          reservoirIncreaseAmount: null,
          reservoirIncreaseMaximum: null
        };
        Bottleneck3.prototype.localStoreDefaults = {
          Promise,
          timeout: null,
          heartbeatInterval: 250
        };
        Bottleneck3.prototype.redisStoreDefaults = {
          Promise,
          timeout: null,
          heartbeatInterval: 5e3,
          clientTimeout: 1e4,
          Redis: null,
          clientOptions: {},
          clusterNodes: null,
          clearDatastore: false,
          connection: null
        };
        Bottleneck3.prototype.instanceDefaults = {
          datastore: "local",
          connection: null,
          id: "<no-id>",
          rejectOnDrop: true,
          trackDoneStatus: false,
          Promise
        };
        Bottleneck3.prototype.stopDefaults = {
          enqueueErrorMessage: "This limiter has been stopped and cannot accept new jobs.",
          dropWaitingJobs: true,
          dropErrorMessage: "This limiter has been stopped."
        };
        return Bottleneck3;
      }).call(commonjsGlobal);
      var Bottleneck_1 = Bottleneck2;
      var lib = Bottleneck_1;
      return lib;
    }));
  }
});

// src/run-main.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir as tmpdir3 } from "node:os";
import path15 from "node:path";

// src/advice/run-advice.ts
import { readFile as readFile2 } from "node:fs/promises";
import path2 from "node:path";

// src/advice/model.ts
var import_dockerfile_ast = __toESM(require_main(), 1);

// src/advice/image-ref.ts
var REFERENCE = /^[a-z0-9][a-z0-9._\-/:]*(@[A-Za-z0-9_+.-]+:[A-Fa-f0-9]+)?$/i;
function parseImageRef(text) {
  if (!REFERENCE.test(text)) return null;
  const at2 = text.indexOf("@");
  const digest = at2 === -1 ? null : text.slice(at2 + 1);
  const named = at2 === -1 ? text : text.slice(0, at2);
  const lastSlash = named.lastIndexOf("/");
  const colon = named.indexOf(":", lastSlash + 1);
  const tag = colon === -1 ? null : named.slice(colon + 1);
  const repository = colon === -1 ? named : named.slice(0, colon);
  const parts = repository.split("/");
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const path16 = hasRegistry ? parts.slice(1).join("/") : repository;
  if (!path16 || tag === "") return null;
  return {
    registry: hasRegistry ? first : null,
    path: path16,
    name: parts[parts.length - 1],
    tag,
    digest
  };
}
function officialImageName(ref) {
  const parts = ref.path.split("/");
  if (parts.length === 1) return ref.name;
  if (parts[parts.length - 2] === "library") return ref.name;
  return null;
}
var VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
function substituteArgs(text, args) {
  let unresolved = false;
  const result = text.replace(
    VARIABLE,
    (_match, braced, operator, word = "", bare) => {
      const name = braced ?? bare;
      const value = args.get(name);
      const isSet = value !== void 0 && value !== null;
      switch (operator) {
        case ":-":
          return isSet && value !== "" ? value : word;
        case "-":
          return isSet ? value : word;
        case ":+":
          return isSet && value !== "" ? word : "";
        case "+":
          return isSet ? word : "";
        default:
          if (!isSet) unresolved = true;
          return value ?? "";
      }
    }
  );
  return unresolved ? null : result;
}

// src/advice/shell.ts
function splitShellCommands(script) {
  const commands = [];
  let words = [];
  let word = "";
  let inWord = false;
  let redirectTarget = false;
  const endWord = () => {
    if (inWord) {
      if (redirectTarget) redirectTarget = false;
      else words.push(word);
    }
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
    redirectTarget = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (ch === "\\") {
      const next = script[i + 1];
      i++;
      if (next === void 0 || next === "\n") continue;
      word += next;
      inWord = true;
    } else if (ch === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close === -1 ? script.length : close;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        const next = script[j + 1];
        if (script[j] === "\\" && next !== void 0 && '\\"$`\n'.includes(next)) {
          if (next !== "\n") word += next;
          j++;
        } else {
          word += script[j];
        }
      }
      inWord = true;
      i = j;
    } else if (ch === " " || ch === "	" || ch === "\r") {
      endWord();
    } else if ("\n;&|()`".includes(ch)) {
      endCommand();
    } else if (ch === "#" && !inWord) {
      const newline = script.indexOf("\n", i);
      i = (newline === -1 ? script.length : newline) - 1;
    } else if (ch === ">" || ch === "<") {
      if (/^\d+$/.test(word)) inWord = false;
      endWord();
      while ("<>&|-".includes(script[i + 1] ?? "x")) i++;
      redirectTarget = true;
    } else {
      word += ch;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}
function outputRedirectTargets(script) {
  const targets = [];
  const redirect = /(?:^|[\s;&|(])\d*>>?(?!&)\s*("[^"]*"|'[^']*'|[^\s;&|()<>]+)/g;
  for (const match of script.matchAll(redirect)) {
    const target = (match[1] ?? "").replace(/^(["'])(.*)\1$/, "$2");
    if (target) targets.push(target);
  }
  return targets;
}
var ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
var PREFIX_WORDS = /* @__PURE__ */ new Set([
  "sudo",
  "env",
  "time",
  "nohup",
  "exec",
  "command",
  "nice",
  "xargs",
  "!",
  "{",
  "if",
  "then",
  "else",
  "elif",
  "do",
  "while",
  "until"
]);
var PREFIX_VALUE_OPTIONS = /* @__PURE__ */ new Set(["-u", "-g", "-I", "-n", "-L", "-P", "-d", "-a", "-E", "-s", "-C"]);
function parseShellScript(script) {
  const exported = {};
  const commands = [];
  for (const raw of splitShellCommands(script)) {
    const env = { ...exported };
    let assigned = false;
    let rest = raw;
    for (; ; ) {
      const first = rest[0];
      if (first === void 0) break;
      const assignment = ASSIGNMENT.exec(first);
      if (assignment) {
        env[assignment[1]] = assignment[2];
        assigned = true;
        rest = rest.slice(1);
      } else if (PREFIX_WORDS.has(first)) {
        rest = rest.slice(1);
        while (rest[0]?.startsWith("-")) rest = rest.slice(PREFIX_VALUE_OPTIONS.has(rest[0]) ? 2 : 1);
      } else {
        break;
      }
    }
    const program = rest[0];
    if (program === "export" || program === "declare" || program === "typeset") {
      for (const word of rest.slice(1)) {
        const assignment = ASSIGNMENT.exec(word);
        if (assignment) exported[assignment[1]] = assignment[2];
      }
      continue;
    }
    if (program === void 0) {
      if (assigned) Object.assign(exported, env);
      continue;
    }
    commands.push({ words: rest, env });
  }
  return commands;
}
function programName(command) {
  const program = command.words[0] ?? "";
  return program.slice(program.lastIndexOf("/") + 1);
}
function operands(words, valueOptions) {
  const found = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === "--") return found.concat(words.slice(i + 1));
    if (word.startsWith("-") && word.length > 1) {
      if (valueOptions.has(word)) i++;
      continue;
    }
    found.push(word);
  }
  return found;
}
function hasFlag(words, ...flags) {
  return words.some((word) => flags.some((flag) => word === flag || word.startsWith(`${flag}=`)));
}
function flagValue(words, ...flags) {
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    for (const flag of flags) {
      if (word === flag) return words[i + 1];
      if (word.startsWith(`${flag}=`)) return word.slice(flag.length + 1);
    }
  }
  return void 0;
}

// src/advice/model.ts
var IGNORE_COMMENT = /^#\s*dfb-ignore\s+(\S.*)$/;
var SHELLS = /* @__PURE__ */ new Set(["sh", "bash", "dash", "ash", "zsh"]);
var NOTHING = /* @__PURE__ */ new Set();
function parseDockerfile(text) {
  const dockerfile = import_dockerfile_ast.DockerfileParser.parse(text);
  const lines = text.split(/\r?\n/);
  const instructions = dockerfile.getInstructions();
  const globalArgs = [];
  const argValues2 = /* @__PURE__ */ new Map();
  const stages = [];
  for (const instruction of instructions) {
    const span = spanOf(instruction.getRange());
    const current = stages[stages.length - 1];
    if (instruction instanceof import_dockerfile_ast.From) {
      stages.push(readStage(instruction, span, stages, argValues2));
    } else if (current) {
      current.steps.push(readStep(instruction, span, lines));
    } else if (instruction instanceof import_dockerfile_ast.Arg) {
      const step = readVariables(instruction, span, "ARG");
      globalArgs.push(step);
      for (const { name, value } of step.variables) {
        argValues2.set(name, value === null ? null : substituteArgs(value, argValues2));
      }
    }
  }
  for (let stage = stages[stages.length - 1] ?? null; stage; stage = stage.parent) stage.inFinalImage = true;
  const silenced = inlineIgnores(instructions, lines);
  const spans = instructions.map((instruction) => spanOf(instruction.getRange()));
  return {
    globalArgs,
    stages,
    silencedAt(line) {
      const covering = spans.find((span) => span.endLine >= line);
      return covering ? silenced.get(covering.line) ?? NOTHING : NOTHING;
    }
  };
}
function stageChain(stage) {
  const chain = [];
  for (let current = stage; current; current = current.parent) chain.unshift(current);
  return chain;
}
function isWholeContextCopy(step) {
  return step.kind === "copy" && step.from === null && !step.heredoc && step.sources.some((source) => [".", "./", "*", "./*"].includes(source));
}
function spanOf(range) {
  return { line: range.start.line + 1, endLine: range.end.line + 1 };
}
function readStage(from, span, earlier, argValues2) {
  const imageText = from.getArguments()[0]?.getValue() ?? "";
  const resolvedImage = substituteArgs(imageText, argValues2);
  const lowered = resolvedImage?.toLowerCase() ?? null;
  const parent = earlier.find((stage) => stage.name !== null && stage.name === lowered) ?? null;
  const isImage = lowered !== null && lowered !== "scratch" && parent === null;
  return {
    index: earlier.length,
    name: from.getBuildStage()?.toLowerCase() ?? null,
    from: span,
    imageText,
    resolvedImage,
    image: isImage ? parseImageRef(resolvedImage) : null,
    parent,
    steps: [],
    inFinalImage: false
  };
}
function readStep(instruction, span, lines) {
  if (instruction instanceof import_dockerfile_ast.Run) return readRun(instruction, span, lines);
  if (instruction instanceof import_dockerfile_ast.Copy || instruction instanceof import_dockerfile_ast.Add) return readCopy(instruction, span);
  if (instruction instanceof import_dockerfile_ast.Env) return readVariables(instruction, span, "ENV");
  if (instruction instanceof import_dockerfile_ast.Arg) return readVariables(instruction, span, "ARG");
  return {
    kind: "other",
    keyword: instruction.getKeyword(),
    argument: instruction.getArgumentsContent() ?? "",
    ...span
  };
}
function readRun(run2, span, lines) {
  const mounts = flagsNamed(run2, "mount").map((value) => {
    const options = new Map(
      value.split(",").map((pair) => {
        const at2 = pair.indexOf("=");
        return at2 === -1 ? [pair, ""] : [pair.slice(0, at2), pair.slice(at2 + 1)];
      })
    );
    return {
      type: options.get("type") ?? "bind",
      target: options.get("target") ?? options.get("dst") ?? options.get("destination") ?? null,
      id: options.get("id") ?? null,
      source: options.get("source") ?? options.get("src") ?? null,
      from: options.get("from") ?? null
    };
  });
  const script = runScript(run2, lines);
  return { kind: "run", commands: script.commands, script: script.text, mounts, ...span };
}
function runScript(run2, lines) {
  const content = run2.getArgumentsContent() ?? "";
  const execForm2 = parseExecForm(content);
  if (execForm2) {
    const [program, flag, script] = execForm2;
    if (program !== void 0 && SHELLS.has(basename(program)) && flag?.startsWith("-") && flag.includes("c")) {
      return { text: script ?? "", commands: parseShellScript(script ?? "") };
    }
    return { text: execForm2.join(" "), commands: execForm2.length > 0 ? [{ words: execForm2, env: {} }] : [] };
  }
  const heredocs = run2.getHeredocs();
  if (heredocs.length === 0) return { text: content, commands: parseShellScript(content) };
  const opening = content.split("\n")[0] ?? "";
  const openingCommands = parseShellScript(opening);
  const first = openingCommands[0];
  if (first !== void 0 && !SHELLS.has(programName(first)))
    return { text: opening, commands: openingCommands };
  let text = opening;
  const commands = [...openingCommands];
  for (const heredoc of heredocs) {
    const range = heredoc.getContentRange();
    if (!range) continue;
    const body = lines.slice(range.start.line, range.end.line + 1).join("\n");
    if (/^#!(?!.*\b(ba|da|z)?sh\b)/.test(body)) continue;
    text += `
${body}`;
    commands.push(...parseShellScript(body));
  }
  return { text, commands };
}
function readCopy(instruction, span) {
  const content = instruction.getArgumentsContent() ?? "";
  const paths = parseExecForm(content) ?? instruction.getArguments().map((argument) => argument.getValue());
  const flags = new Map(instruction.getFlags().map((flag) => [flag.getName(), flag.getValue()]));
  return {
    kind: "copy",
    keyword: instruction instanceof import_dockerfile_ast.Add ? "ADD" : "COPY",
    sources: paths.slice(0, -1),
    destination: paths[paths.length - 1] ?? null,
    from: flags.get("from")?.toLowerCase() ?? null,
    flags,
    heredoc: paths.some((path16) => path16.startsWith("<<")),
    ...span
  };
}
function readVariables(instruction, span, keyword) {
  const variables = instruction.getProperties().map((property) => ({ name: property.getName(), value: property.getValue() }));
  return { kind: "variables", keyword, variables, ...span };
}
function parseExecForm(content) {
  if (!content.trimStart().startsWith("[")) return null;
  try {
    const parsed = JSON.parse(content);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string") ? parsed : null;
  } catch {
    return null;
  }
}
function flagsNamed(instruction, name) {
  return instruction.getFlags().filter((flag) => flag.getName() === name).map((flag) => flag.getValue() ?? "");
}
function basename(path16) {
  return path16.slice(path16.lastIndexOf("/") + 1);
}
function inlineIgnores(instructions, lines) {
  const covered = /* @__PURE__ */ new Set();
  for (const instruction of instructions) {
    const { line, endLine } = spanOf(instruction.getRange());
    for (let at2 = line; at2 <= endLine; at2++) covered.add(at2);
  }
  const ignores = /* @__PURE__ */ new Map();
  for (const instruction of instructions) {
    const start = spanOf(instruction.getRange()).line;
    const rules = /* @__PURE__ */ new Set();
    for (let at2 = start - 1; at2 >= 1 && !covered.has(at2); at2--) {
      const text = (lines[at2 - 1] ?? "").trim();
      if (!text.startsWith("#")) break;
      const match = IGNORE_COMMENT.exec(text);
      for (const rule of match?.[1]?.split(/[\s,]+/) ?? []) if (rule) rules.add(rule);
    }
    if (rules.size > 0) ignores.set(start, rules);
  }
  return ignores;
}

// src/advice/rules/rule.ts
function at(span) {
  return span.endLine > span.line ? { line: span.line, endLine: span.endLine } : { line: span.line };
}
function quote(command, maxWords = 6) {
  const words = command.words.slice(0, maxWords).join(" ");
  return `\`${command.words.length > maxWords ? `${words} \u2026` : words}\``;
}
function* stepsInContext(stage) {
  const env = /* @__PURE__ */ new Map();
  let user = null;
  for (const current of stageChain(stage)) {
    for (const step of current.steps) {
      if (current === stage) yield { step, env: new Map(env), user };
      if (step.kind === "other" && step.keyword === "USER") {
        const name = step.argument.trim();
        user = /^(root|0)(:.*)?$/.test(name) ? null : name;
      }
      if (step.kind !== "variables") continue;
      for (const { name, value } of step.variables) if (value !== null) env.set(name, value);
    }
  }
}
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// src/advice/rules/add-where-copy-fits.ts
var ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
var URL2 = /^https?:\/\//i;
var GIT = /^(git@|git:\/\/|ssh:\/\/)|\.git(#.*)?$/i;
function isLocalArchive(source) {
  return ARCHIVE.test(source) && !URL2.test(source);
}
function addFinding(step) {
  const sources = step.sources;
  const destination = step.destination ?? "";
  if (sources.length === 0 || sources.some((source) => source.includes("$") || GIT.test(source))) return null;
  const urls = sources.filter((source) => URL2.test(source));
  if (urls.length > 0) {
    if (step.flags.has("checksum")) return null;
    return {
      severity: "notice",
      ...at(step),
      message: `ADD ${urls[0]} downloads without verification: the file can change upstream without the Dockerfile changing.`,
      fix: "Add --checksum=sha256:<digest> to pin the download, or use curl in a RUN when the file must be unpacked and deleted in one layer."
    };
  }
  const archive = sources.find((source) => ARCHIVE.test(source));
  if (archive !== void 0) {
    if (!ARCHIVE.test(destination)) return null;
    return {
      severity: "warning",
      ...at(step),
      message: `ADD unpacks ${archive}, so ${destination} becomes a directory of its contents, not the archive file.`,
      fix: `Use COPY ${archive} ${destination} to copy the archive as it is.`
    };
  }
  return {
    severity: "notice",
    ...at(step),
    message: "ADD of local files does what COPY does, plus URL fetching and archive unpacking that nobody asked for here.",
    fix: "Use COPY: it copies files and nothing else."
  };
}
var addWhereCopyFits = {
  id: "add-where-copy-fits",
  title: "ADD where COPY (or a verified download) fits",
  why: "ADD silently unpacks archives and fetches unverified URLs; COPY does only what it says.",
  fix: "Use COPY for local files; for downloads use ADD --checksum=sha256:\u2026 or curl in a RUN.",
  check({ model }) {
    return model.stages.flatMap(
      (stage) => stage.steps.filter((step) => step.kind === "copy" && step.keyword === "ADD" && !step.heredoc).map(addFinding).filter((finding) => finding !== null)
    );
  }
};

// src/advice/installs.ts
var PIP_VALUE_OPTIONS = /* @__PURE__ */ new Set([
  "-c",
  "--constraint",
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "-t",
  "--target",
  "--prefix",
  "--root",
  "--src",
  "--platform",
  "--python-version",
  "--implementation",
  "--abi",
  "--only-binary",
  "--no-binary",
  "--progress-bar",
  "--cache-dir",
  "--trusted-host",
  "--global-option",
  "--config-settings",
  "-C",
  "--log",
  "--timeout",
  "--retries",
  "--exists-action",
  "--cert",
  "--client-cert",
  "--proxy",
  "--upgrade-strategy",
  "--python",
  "-p",
  "--index",
  "--default-index",
  "--index-strategy",
  "--keyring-provider",
  "--resolution",
  "--prerelease",
  "--extra",
  "--group",
  "--overrides",
  "--build-constraints",
  "--link-mode",
  "--compile-bytecode-timeout",
  "--report",
  "--editable",
  "-e",
  "--requirement",
  "-r"
]);
var TOOLING = /* @__PURE__ */ new Set([
  "pip",
  "setuptools",
  "wheel",
  "uv",
  "poetry",
  "pipenv",
  "virtualenv",
  "pip-tools",
  "build",
  "hatch",
  "pdm"
]);
var PIP_PROGRAM = /^pip(\d+(\.\d+)*)?$/;
var PYTHON_PROGRAM = /^python(\d+(\.\d+)*)?$/;
function dependencyInstallOf(command) {
  const program = programName(command);
  const args = command.words.slice(1);
  if (PIP_PROGRAM.test(program) && args[0] === "install") return pipInstall("pip", args, command);
  if (PYTHON_PROGRAM.test(program)) {
    const module = args.indexOf("-m");
    if (module !== -1 && args[module + 1] === "pip" && args[module + 2] === "install") {
      return pipInstall("pip", args.slice(module + 2), command);
    }
    return null;
  }
  if (program === "uv") return uvInstall(args, command);
  if (program === "poetry" && args[0] === "install") {
    const scope = hasFlag(args, "--no-root") ? "deps" : hasFlag(args, "--only-root") ? "project-only" : "project";
    return { tool: "poetry", scope, args, command };
  }
  if (program === "pipenv" && (args[0] === "install" || args[0] === "sync")) {
    return { tool: "pipenv", scope: "deps", args, command };
  }
  return nodeInstall(program, args, command);
}
function pipInstall(tool, args, command) {
  const install = args.slice(1);
  const requirementFiles = install.some(
    (word) => word === "-r" || word === "--requirement" || /^(-r.|--requirement=)/.test(word)
  );
  const editable = install.flatMap(
    (word, i) => word === "-e" || word === "--editable" ? [install[i + 1] ?? ""] : word.startsWith("--editable=") ? [word.slice(11)] : []
  );
  const targets = [...operands(install, PIP_VALUE_OPTIONS), ...editable];
  let scope;
  if (requirementFiles || targets.some((target) => !isLocalPath(target) && !TOOLING.has(packageName(target)))) {
    scope = "deps";
  } else if (targets.some(isLocalPath)) {
    scope = hasFlag(install, "--no-deps") ? "project-only" : "project";
  } else {
    scope = "tooling";
  }
  return { tool, scope, args, command };
}
var UV_GLOBAL_VALUE_OPTIONS = /* @__PURE__ */ new Set([
  "--cache-dir",
  "--directory",
  "--project",
  "--config-file",
  "--color"
]);
function uvInstall(args, command) {
  const subcommand = operands(args, UV_GLOBAL_VALUE_OPTIONS);
  if (subcommand[0] === "pip" && subcommand[1] === "install") {
    const at2 = args.indexOf("install");
    return { ...pipInstall("uv-pip", args.slice(at2), command), args };
  }
  if (subcommand[0] !== "sync") return null;
  const scope = hasFlag(args, "--no-install-project") ? "deps" : "project";
  return { tool: "uv-sync", scope, args, command };
}
function nodeInstall(program, args, command) {
  const [subcommand, ...rest] = args;
  const bare = operands(rest, /* @__PURE__ */ new Set()).length === 0 && !hasFlag(rest, "-g", "--global");
  const installs = program === "npm" && (subcommand === "ci" || (subcommand === "install" || subcommand === "i") && bare) || program === "yarn" && (subcommand === void 0 || subcommand === "install" && bare) || program === "pnpm" && (subcommand === "install" || subcommand === "i") && bare;
  return installs ? { tool: "npm", scope: "deps", args, command } : null;
}
function isLocalPath(target) {
  if (target.startsWith("$")) return false;
  return /^(\.|\/|~|file:)/.test(target) || !target.includes("://") && target.includes("/");
}
function packageName(target) {
  return (target.split(/[[<>=!~;@ ]/)[0] ?? "").toLowerCase();
}
var APT_VALUE_OPTIONS = /* @__PURE__ */ new Set(["-o", "-t", "--target-release", "-c", "--config-file"]);
var APK_VALUE_OPTIONS = /* @__PURE__ */ new Set(["-t", "--virtual", "-X", "--repository", "--root", "-p", "--arch"]);
var DNF_VALUE_OPTIONS = /* @__PURE__ */ new Set(["--releasever", "--installroot", "-c", "--config"]);
function systemPackagesOf(command) {
  const program = programName(command);
  const args = command.words.slice(1);
  if (program === "apt-get" || program === "apt" || program === "aptitude") {
    const [verb, ...packages] = operands(args, APT_VALUE_OPTIONS);
    const action = aptAction(verb);
    return action ? { manager: "apt", action, packages, command } : null;
  }
  if (program === "apk") {
    const [verb, ...packages] = operands(args, APK_VALUE_OPTIONS);
    const action = verb === "add" ? "install" : verb === "del" ? "remove" : verb === "upgrade" ? "upgrade" : null;
    const virtual = flagValue(args, "-t", "--virtual");
    if (action === null) return null;
    return { manager: "apk", action, packages: virtual ? packages.concat(virtual) : packages, command };
  }
  if (program === "dnf" || program === "yum" || program === "microdnf") {
    const [verb, ...packages] = operands(args, DNF_VALUE_OPTIONS);
    const action = verb === "install" ? "install" : verb === "remove" || verb === "erase" ? "remove" : null;
    return action ? { manager: "dnf", action, packages, command } : null;
  }
  return null;
}
function aptAction(verb) {
  if (verb === "update") return "update";
  if (verb === "install") return "install";
  if (verb === "upgrade" || verb === "dist-upgrade" || verb === "full-upgrade") return "upgrade";
  if (verb === "remove" || verb === "purge" || verb === "autoremove") return "remove";
  return null;
}

// src/advice/rules/apt.ts
var aptListsLeft = {
  id: "apt-lists-left",
  title: "apt package lists left in the layer",
  why: "`apt-get update` downloads package lists (/var/lib/apt/lists, tens of MB) that stay in the layer unless the same RUN removes them.",
  fix: "End the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or use cache mounts for /var/cache/apt and /var/lib/apt.",
  check({ model }) {
    const findings = [];
    for (const stage of model.stages) {
      for (const step of stage.steps) {
        if (step.kind !== "run") continue;
        const operations = step.commands.map(systemPackagesOf).filter((operation) => operation?.manager === "apt");
        const update = operations.find((operation) => operation?.action === "update");
        if (!update || step.script.includes("/var/lib/apt")) continue;
        const cached = step.mounts.some(
          (mount) => (mount.type === "cache" || mount.type === "tmpfs") && /^\/var\/(lib|cache)\/apt(\/|$)/.test(mount.target ?? "")
        );
        if (cached) continue;
        const installs = operations.some((operation) => operation?.action === "install");
        findings.push({
          severity: stage.inFinalImage ? "warning" : "notice",
          ...at(step),
          message: installs ? `${quote(update.command)} leaves /var/lib/apt/lists in this layer: tens of MB shipped that nothing at runtime reads.` : `${quote(update.command)} in a RUN of its own leaves /var/lib/apt/lists in this layer, and a later install may use stale lists from the layer cache.`,
          fix: installs ? aptListsLeft.fix : "Run apt-get update, apt-get install and rm -rf /var/lib/apt/lists/* in one RUN."
        });
      }
    }
    return findings;
  }
};
var aptUpgrade = {
  id: "apt-upgrade",
  title: "`apt-get upgrade` in the Dockerfile",
  why: "The result depends on the day of the build, not on the Dockerfile, and the upgraded packages duplicate base-image files in a new layer.",
  fix: "Use a newer base image tag (rebuilt upstream with security fixes); pin or --only-upgrade the few packages you need newer.",
  check({ model }) {
    const findings = [];
    for (const stage of model.stages) {
      for (const step of stage.steps) {
        if (step.kind !== "run") continue;
        const upgrade = step.commands.map(systemPackagesOf).find((operation) => operation?.manager === "apt" && operation.action === "upgrade");
        if (!upgrade) continue;
        findings.push({
          severity: "notice",
          ...at(step),
          message: `${quote(upgrade.command)} makes the image depend on the build date and copies every upgraded package into another layer.`
        });
      }
    }
    return findings;
  }
};

// src/advice/rules/build-tools-in-final-image.ts
var COMPILERS = /^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|gfortran|linux-headers)(-\d+(\.\d+)?)?$/;
var HEADERS = /-(dev|devel)$/;
function packageName2(word) {
  return word.replace(/[=:].*$/, "");
}
function isBuildPackage(word) {
  const name = packageName2(word);
  return COMPILERS.test(name) || HEADERS.test(name);
}
var buildToolsInFinalImage = {
  id: "build-tools-in-final-image",
  title: "Compilers and headers shipped in a single-stage image",
  why: "Compilers and -dev packages are needed only to build wheels or extensions, yet in a single-stage build they ship in the image (often 150\u2013300 MB).",
  fix: "Use a multi-stage build: build wheels in a builder stage (pip wheel -w /wheels) and install them from COPY --from=builder in a slim final stage.",
  check({ model }) {
    if (model.stages.length !== 1) return [];
    const findings = [];
    for (const step of model.stages[0]?.steps ?? []) {
      if (step.kind !== "run") continue;
      const operations = step.commands.map(systemPackagesOf).filter((operation) => operation !== null);
      if (operations.some((operation) => operation.action === "remove")) continue;
      const tools = operations.filter((operation) => operation.action === "install").flatMap((operation) => operation.packages).filter((word) => !word.includes("$") && isBuildPackage(word)).map(packageName2);
      if (tools.length === 0) continue;
      const named = tools.slice(0, 4).join(", ") + (tools.length > 4 ? ` and ${tools.length - 4} more` : "");
      findings.push({
        severity: "warning",
        ...at(step),
        message: `${named} stay in the final image of this single-stage build, though only the build needs them.`
      });
    }
    return findings;
  }
};

// src/units.ts
var UNIT_BYTES = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  tib: 1024 ** 4
};
function parseByteSize(text) {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return void 0;
  const factor = UNIT_BYTES[(match[2] || "b").toLowerCase()];
  if (factor === void 0) return void 0;
  return Math.round(Number(match[1]) * factor);
}
function formatBytes(bytes2) {
  const sign = bytes2 < 0 ? "-" : "";
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = Math.abs(bytes2);
  let unit = 0;
  const rounded = (v, u) => u === 0 || v >= 99.95 ? Math.round(v) : Math.round(v * 10) / 10;
  while (unit < units.length - 1 && rounded(value, unit) >= 1e3) {
    value /= 1e3;
    unit += 1;
  }
  const shown = rounded(value, unit);
  const text = unit === 0 || shown >= 100 ? String(shown) : shown.toFixed(1);
  return `${sign}${text} ${units[unit]}`;
}

// src/advice/rules/context.ts
function listed(entries, max = 4) {
  const shown = entries.slice(0, max).map((entry) => `${entry.path} (${formatBytes(entry.bytes)})`);
  return shown.join(", ") + (entries.length > max ? ` and ${entries.length - max} more` : "");
}
function totalBytes(entries) {
  return entries.reduce((sum2, entry) => sum2 + entry.bytes, 0);
}
function contextCopyLine(model) {
  for (const stage of model.stages) {
    if (!stage.inFinalImage) continue;
    const copy = stage.steps.find(isWholeContextCopy);
    if (copy) return at(copy);
  }
  return null;
}
var noDockerignore = {
  id: "no-dockerignore",
  title: "No .dockerignore",
  why: "Without one, every build uploads the whole directory (.git, caches, virtualenvs) and `COPY . .` is invalidated by files the image never needs.",
  fix: "Add a .dockerignore at the context root listing .git, **/__pycache__, .venv, node_modules and build outputs.",
  check({ context: context2 }) {
    if (!context2 || context2.hasDockerignore) return [];
    const heavy = totalBytes(context2.sentHeavyDirs);
    const sent = `all ${plural(context2.fileCount, "file")} (${formatBytes(context2.totalBytes)}) of the context`;
    return [
      {
        severity: heavy > 0 ? "warning" : "notice",
        line: 1,
        message: `There is no .dockerignore, so every build sends ${sent}` + (heavy > 0 ? `, including ${listed(context2.sentHeavyDirs)}.` : "."),
        ...heavy > 0 ? { bytesAtStake: heavy } : {}
      }
    ];
  }
};
var contextSendsHeavyDirs = {
  id: "context-sends-heavy-dirs",
  title: "Build context sends .git, caches or virtualenvs",
  why: "These directories are never needed in the image, yet they are uploaded on every build and change on every commit, busting `COPY . .`.",
  fix: "Add them to .dockerignore, e.g. .git, **/__pycache__, .venv, node_modules.",
  check({ model, context: context2, disabledRules }) {
    if (!context2 || context2.sentHeavyDirs.length === 0) return [];
    if (!context2.hasDockerignore && !disabledRules.has(noDockerignore.id)) return [];
    const copy = contextCopyLine(model);
    const patterns = [...new Set(context2.sentHeavyDirs.map((entry) => entry.path))].slice(0, 6);
    return [
      {
        severity: "warning",
        ...copy ?? { line: 1 },
        message: `The build context sends ${listed(context2.sentHeavyDirs)}` + (copy ? ", and this COPY puts them into the image." : "."),
        fix: `Add ${patterns.join(", ")} to .dockerignore.`,
        bytesAtStake: totalBytes(context2.sentHeavyDirs)
      }
    ];
  }
};
var contextLargeFiles = {
  id: "context-large-files",
  title: "Build context sends files of 50 MB or more",
  why: "Large files are uploaded on every build and, behind `COPY . .`, copied into a layer again whenever any file changes.",
  fix: "Add them to .dockerignore if the image does not need them; otherwise download them in a RUN with a cache mount, or mount them at run time.",
  check({ model, context: context2 }) {
    if (!context2 || context2.largeFiles.length === 0) return [];
    const copy = contextCopyLine(model);
    return [
      {
        severity: "notice",
        ...copy ?? { line: 1 },
        message: `The build context sends ${plural(context2.largeFiles.length, "file")} of 50 MB or more: ${listed(context2.largeFiles, 3)}` + (copy ? ", and this COPY puts them into the image." : "."),
        bytesAtStake: totalBytes(context2.largeFiles)
      }
    ];
  }
};

// src/advice/rules/copy-before-install.ts
var FIX_BY_TOOL = {
  pip: "COPY only requirements*.txt (or pyproject.toml) first, RUN pip install, then COPY . . for the code.",
  "uv-pip": "COPY only requirements*.txt (or pyproject.toml) first, RUN uv pip install, then COPY . . for the code.",
  "uv-sync": "COPY pyproject.toml uv.lock first, RUN uv sync --locked --no-install-project, then COPY . . and RUN uv sync --locked.",
  poetry: "COPY pyproject.toml poetry.lock first, RUN poetry install --no-root, then COPY . . and RUN poetry install --only-root.",
  pipenv: "COPY Pipfile Pipfile.lock first, RUN pipenv install --deploy, then COPY . . for the code.",
  npm: "COPY package.json and the lockfile first, install, then COPY . . for the code."
};
var copyBeforeInstall = {
  id: "copy-before-install",
  title: "Dependencies installed after copying the whole context",
  why: "Any change to any file invalidates `COPY . .`, so every later step, the full dependency install included, runs again.",
  fix: FIX_BY_TOOL.pip,
  check({ model }) {
    const findings = [];
    const endState = /* @__PURE__ */ new Map();
    for (const stage of model.stages) {
      const inherited = stage.parent ? endState.get(stage.parent) : void 0;
      let copy = inherited?.copy ?? null;
      let depsInstalled = inherited?.depsInstalled ?? false;
      for (const step of stage.steps) {
        if (isWholeContextCopy(step)) copy ??= step;
        if (step.kind !== "run") continue;
        const installs = step.commands.map(dependencyInstallOf).filter((install) => install !== null);
        const wasteful = installs.find((install) => reinstallsDependencies(install, depsInstalled));
        if (copy && wasteful) {
          findings.push({
            severity: "warning",
            ...at(step),
            message: `${quote(wasteful.command)} runs after the whole context is copied (line ${copy.line}): any source change re-runs it and reinstalls every dependency.`,
            fix: FIX_BY_TOOL[wasteful.tool]
          });
        }
        if (installs.some((install) => install.scope === "deps" || install.scope === "project")) {
          depsInstalled = true;
        }
      }
      endState.set(stage, { copy, depsInstalled });
    }
    return findings;
  }
};
function reinstallsDependencies(install, depsInstalled) {
  return install.scope === "deps" || install.scope === "project" && !depsInstalled;
}

// src/advice/rules/delete-in-later-layer.ts
var NO_VALUE_OPTIONS = /* @__PURE__ */ new Set();
function literalPath(path16) {
  if (!path16 || !path16.startsWith("/") || /[$*?[\]{}~]/.test(path16)) return null;
  const normalized = path16.replace(/\/+/g, "/").replace(/\/$/, "");
  return normalized === "" ? null : normalized;
}
function outputOption(args, short, long) {
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === long || new RegExp(`^-[A-Za-z]*${short}$`).test(word)) return args[i + 1];
    if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
    if (word.startsWith(`-${short}`) && word.length > 2) return word.slice(2);
  }
  return void 0;
}
function basename2(path16) {
  const trimmed = path16.replace(/[?#].*$/, "").replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
function pathsWrittenBy(command) {
  const program = programName(command);
  const args = command.words.slice(1);
  if (program === "curl") {
    const output = literalPath(outputOption(args, "o", "--output"));
    return output ? [output] : [];
  }
  if (program === "wget") {
    const output = literalPath(outputOption(args, "O", "--output-document"));
    if (output) return [output];
    const prefix = flagValue(args, "-P", "--directory-prefix");
    const url = operands(args, /* @__PURE__ */ new Set(["-O", "-P", "--output-document", "--directory-prefix"])).find(
      (word) => /^https?:\/\//.test(word)
    );
    const path16 = prefix && url ? literalPath(`${prefix}/${basename2(url)}`) : null;
    return path16 ? [path16] : [];
  }
  if (program === "git" && args[0] === "clone") {
    const [, target] = operands(args.slice(1), /* @__PURE__ */ new Set(["-b", "--branch", "--depth", "-o", "--origin"]));
    const path16 = literalPath(target);
    return path16 ? [path16] : [];
  }
  return [];
}
function pathsCreatedBy(step) {
  if (step.kind === "run") {
    const redirected = outputRedirectTargets(step.script).map(literalPath).filter((path16) => path16 !== null && !path16.startsWith("/dev/"));
    return [...step.commands.flatMap(pathsWrittenBy), ...redirected];
  }
  if (step.kind !== "copy" || step.heredoc || !step.destination) return [];
  if (step.keyword === "ADD" && step.sources.some(isLocalArchive)) return [];
  const destination = step.destination;
  if (!destination.endsWith("/") && step.sources.length === 1) {
    const path16 = literalPath(destination);
    return path16 ? [path16] : [];
  }
  return step.sources.map((source) => literalPath(`${destination}/${basename2(source)}`)).filter((p) => p !== null);
}
function pathsRemovedBy(command) {
  if (programName(command) !== "rm") return [];
  return operands(command.words.slice(1), NO_VALUE_OPTIONS).map(literalPath).filter((path16) => path16 !== null);
}
var deleteInLaterLayer = {
  id: "delete-in-later-layer",
  title: "Files deleted in a later layer than the one that added them",
  why: "Each instruction is a layer; `rm` in a later RUN only hides the file, its bytes stay in the earlier layer and ship with the image.",
  fix: "Download, use and delete the file in one RUN, or bring it in with RUN --mount=type=bind/cache or from a builder stage.",
  check({ model }) {
    const findings = [];
    const final = model.stages[model.stages.length - 1];
    if (!final) return [];
    const created = /* @__PURE__ */ new Map();
    for (const step of stageChain(final).flatMap((stage) => stage.steps)) {
      if (step.kind === "run") {
        const removed = step.commands.flatMap(pathsRemovedBy).filter((path17) => created.has(path17));
        const [path16] = removed;
        if (path16 !== void 0) {
          const others = removed.length > 1 ? ` (and ${plural(removed.length - 1, "other path")})` : "";
          findings.push({
            severity: "warning",
            ...at(step),
            message: `${path16}${others} was added at line ${created.get(path16)}; removing it here does not shrink the image, its bytes stay in that layer.`
          });
        }
        for (const gone of removed) created.delete(gone);
      }
      for (const path16 of pathsCreatedBy(step)) if (!created.has(path16)) created.set(path16, step.line);
    }
    return findings;
  }
};

// src/advice/rules/heavy-base-image.ts
var DISTROS = /* @__PURE__ */ new Set(["trixie", "bookworm", "bullseye", "buster", "stretch"]);
var NODE_CODENAMES = /* @__PURE__ */ new Set(["fermium", "gallium", "hydrogen", "iron", "jod", "krypton"]);
var VERSION = /^\d+(\.\d+){0,2}([a-z]+\d*)?$/;
function slimTagFor(image) {
  const name = officialImageName(image);
  const tag = image.tag ?? "latest";
  if (name === "python" || name === "ruby") {
    const [version, distro] = splitTag(tag, (word) => VERSION.test(word));
    if (version === void 0) return null;
    return [version, "slim", distro].filter(Boolean).join("-");
  }
  if (name === "node") {
    const [version, distro] = splitTag(
      tag,
      (word) => /^\d+(\.\d+){0,2}$/.test(word) || ["lts", "current"].includes(word) || NODE_CODENAMES.has(word)
    );
    if (version === void 0) return null;
    return [version, distro, "slim"].filter(Boolean).join("-");
  }
  return null;
}
function splitTag(tag, isVersion) {
  if (tag === "latest") return ["", ""];
  const parts = tag.split("-");
  if (parts.length === 1) {
    if (DISTROS.has(tag)) return ["", tag];
    return isVersion(tag) ? [tag, ""] : [void 0, ""];
  }
  const [version, distro] = parts;
  return parts.length === 2 && isVersion(version) && DISTROS.has(distro) ? [version, distro] : [void 0, ""];
}
var heavyBaseImage = {
  id: "heavy-base-image",
  title: "Final image built on a full (non-slim) base",
  why: "Full python/node/ruby images carry compilers, headers and docs: several hundred MB more than -slim in every pull and push.",
  fix: "Use the -slim variant for the final stage; build wheels or native modules in a builder stage on the full image if needed.",
  check({ model }) {
    const final = model.stages[model.stages.length - 1];
    let root = final;
    while (root?.parent) root = root.parent;
    if (!root?.image) return [];
    const slimTag = slimTagFor(root.image);
    if (slimTag === null) return [];
    const written = root.resolvedImage;
    const suggested = written.replace(/(:[^/@]*)?(@.*)?$/, `:${slimTag}`);
    const through = root === final ? "" : ` (the final stage builds on it through stage "${final?.name ?? ""}")`;
    return [
      {
        severity: "warning",
        ...at(root.from),
        message: `The final image starts from ${written}${through}, a full image several hundred MB larger than its -slim variant.`,
        fix: `Use ${suggested} for the final stage; keep compilers in a separate builder stage if the build needs them.`
      }
    ];
  }
};

// src/advice/rules/pip-cache-baked-in.ts
var pipCacheBakedIn = {
  id: "pip-cache-baked-in",
  title: "pip/uv download cache left in the image",
  why: "pip and uv keep every downloaded wheel in ~/.cache; without a cache mount or --no-cache-dir it is written into the layer and shipped.",
  fix: "Use RUN --mount=type=cache,target=/root/.cache/pip (or /root/.cache/uv): fast rebuilds and nothing baked in; else pip --no-cache-dir / uv --no-cache.",
  check({ model }) {
    const findings = [];
    const configured = configuresCacheElsewhere(model);
    for (const stage of model.stages) {
      for (const { step, env, user } of stepsInContext(stage)) {
        if (step.kind !== "run") continue;
        const baked = step.commands.map(dependencyInstallOf).filter((install) => install !== null).filter(
          (install) => install.tool === "pip" || install.tool === "uv-pip" || install.tool === "uv-sync"
        ).filter((install) => !(install.tool === "pip" ? configured.pip : configured.uv)).find((install) => !keepsCacheOut(install, step, env));
        if (!baked) continue;
        const tool = baked.tool === "pip" ? "pip" : "uv";
        const cacheDir = user === null ? `/root/.cache/${tool}` : `~/.cache/${tool}`;
        const mount = user === null ? `--mount=type=cache,target=${cacheDir}` : `--mount=type=cache,target=<home of ${user}>/.cache/${tool},uid=<uid of ${user}>`;
        findings.push({
          severity: stage.inFinalImage ? "warning" : "notice",
          ...at(step),
          message: `${quote(baked.command)} writes its download cache (${cacheDir}) into this layer` + (stage.inFinalImage ? ": tens to hundreds of MB in the image that nothing at runtime reads." : "; this stage is not in the final image, but the cache bloats the build cache and slows exports."),
          fix: `Add ${mount} to this RUN (fast rebuilds, nothing baked in), ` + (tool === "uv" ? "or use uv --no-cache." : "or use pip install --no-cache-dir.")
        });
      }
    }
    return findings;
  }
};
function keepsCacheOut(install, step, stageEnv) {
  const env = new Map([...stageEnv, ...Object.entries(install.command.env)]);
  const uv = install.tool !== "pip";
  if (uv && (hasFlag(install.args, "--no-cache", "-n") || env.has("UV_NO_CACHE"))) return true;
  if (!uv && (install.args.some((word) => word.startsWith("--no-cache")) || env.has("PIP_NO_CACHE_DIR"))) {
    return true;
  }
  const tool = uv ? "uv" : "pip";
  const xdg = env.get("XDG_CACHE_HOME");
  const cacheDirs = [
    flagValue(install.args, "--cache-dir"),
    env.get(uv ? "UV_CACHE_DIR" : "PIP_CACHE_DIR"),
    xdg === void 0 ? void 0 : `${xdg}/${tool}`,
    `/root/.cache/${tool}`
  ].filter((dir) => dir !== void 0).map(normalize);
  const mounted = step.mounts.some((mount) => {
    if (mount.type !== "cache" && mount.type !== "tmpfs" || !mount.target) return false;
    const target = normalize(expand(mount.target, env));
    if (target.endsWith("/.cache") || target.endsWith(`/.cache/${tool}`) || target.includes(tool))
      return true;
    return cacheDirs.some((dir) => dir === target || dir.startsWith(`${target}/`));
  });
  return mounted || cleansCacheInSameRun(step, tool);
}
function cleansCacheInSameRun(step, tool) {
  return step.commands.some((command) => {
    const program = programName(command);
    const [first, second] = command.words.slice(1);
    if (program === tool && first === "cache" && (second === "purge" || second === "clean")) return true;
    if (program !== "rm") return false;
    return operands(command.words.slice(1), /* @__PURE__ */ new Set()).some(
      (path16) => path16.includes(".cache") || path16.includes(tool)
    );
  });
}
function configuresCacheElsewhere(model) {
  const mentions = model.stages.flatMap(
    (stage) => stage.steps.flatMap(
      (step) => step.kind === "run" ? [step.script] : step.kind === "copy" ? [...step.sources, step.destination ?? ""] : []
    )
  );
  return {
    pip: mentions.some((text) => text.includes("pip.conf") || /pip3? config/.test(text)),
    uv: mentions.some((text) => text.includes("uv.toml"))
  };
}
function expand(text, env) {
  return text.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
    (variable, name) => env.get(name) ?? variable
  );
}
function normalize(path16) {
  return path16.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
}

// src/advice/rules/secret-in-env.ts
var SECRET_ENDINGS = [
  ["PASSWORD"],
  ["PASSWD"],
  ["SECRET"],
  ["TOKEN"],
  ["APIKEY"],
  ["API", "KEY"],
  ["PRIVATE", "KEY"],
  ["ACCESS", "KEY"],
  ["SECRET", "KEY"],
  ["AUTH", "KEY"]
];
function looksLikeSecret(name) {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  return SECRET_ENDINGS.some(
    (ending) => words.length >= ending.length && ending.every((word, i) => words[words.length - ending.length + i] === word)
  );
}
function secretFinding(step, inFinalImage) {
  const names = step.variables.filter(
    (variable) => looksLikeSecret(variable.name) && (step.keyword === "ARG" || Boolean(variable.value) && !variable.value?.startsWith("/"))
  ).map((variable) => variable.name);
  if (names.length === 0) return null;
  const where = step.keyword === "ENV" ? "is stored in the image config, visible to anyone who can pull the image" : "is recorded in the image history and build provenance when passed with --build-arg";
  return {
    severity: inFinalImage ? "warning" : "notice",
    ...at(step),
    message: `${step.keyword} ${names.join(", ")} looks like a secret, and its value ${where}.`,
    fix: `Pass it with docker build --secret id=${names[0].toLowerCase()} and read it in RUN --mount=type=secret,id=${names[0].toLowerCase()},env=${names[0]} (or from /run/secrets/\u2026) only where needed.`
  };
}
var secretInEnv = {
  id: "secret-in-env",
  title: "Secret passed through ENV or ARG",
  why: "ENV values are stored in the image and ARG values in its history; anyone who can pull the image can read them.",
  fix: "Use build secrets: docker build --secret id=\u2026 and RUN --mount=type=secret,id=\u2026, so the value never lands in a layer or in metadata.",
  check({ model }) {
    const findings = [];
    for (const step of model.globalArgs) {
      const finding = secretFinding(step, true);
      if (finding) findings.push(finding);
    }
    for (const stage of model.stages) {
      for (const step of stage.steps) {
        if (step.kind !== "variables") continue;
        const finding = secretFinding(step, stage.inFinalImage);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  }
};

// src/advice/rules/unpinned-base.ts
var unpinnedBase = {
  id: "unpinned-base",
  title: "Base image without a version tag",
  why: "`latest` (or no tag) moves under you: builds stop being reproducible and the layer cache breaks whenever upstream pushes.",
  fix: "Pin a version tag (e.g. python:3.12-slim), or a digest for full reproducibility (image:tag@sha256:\u2026).",
  check({ model }) {
    const findings = [];
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.digest !== null || image.tag !== null && image.tag !== "latest") continue;
      findings.push({
        severity: "warning",
        ...at(stage.from),
        message: image.tag === null ? `FROM ${stage.resolvedImage} has no tag, so it means :latest, whatever upstream pushed last.` : `FROM ${stage.resolvedImage} follows whatever upstream pushed last.`
      });
    }
    return findings;
  }
};

// src/advice/rules/uv-sync-unlocked.ts
var uvSyncUnlocked = {
  id: "uv-sync-unlocked",
  title: "`uv sync` may re-resolve instead of using uv.lock",
  why: "Without --locked or --frozen, uv sync updates a stale uv.lock inside the build, so the image can get versions the repository does not pin.",
  fix: "Use uv sync --locked (fails when uv.lock is out of date) or uv sync --frozen (installs uv.lock as it is).",
  check({ model }) {
    const findings = [];
    for (const stage of model.stages) {
      for (const { step, env } of stepsInContext(stage)) {
        if (step.kind !== "run") continue;
        const unlocked = step.commands.map(dependencyInstallOf).find(
          (install) => install?.tool === "uv-sync" && !hasFlag(install.args, "--locked", "--frozen") && !["UV_LOCKED", "UV_FROZEN"].some((name) => env.has(name) || name in install.command.env)
        );
        if (!unlocked) continue;
        findings.push({
          severity: "warning",
          ...at(step),
          message: `${quote(unlocked.command)} has neither --locked nor --frozen: it may re-resolve and install versions uv.lock does not pin.`
        });
      }
    }
    return findings;
  }
};

// src/advice/rules/index.ts
var ALL_RULES = [
  copyBeforeInstall,
  pipCacheBakedIn,
  uvSyncUnlocked,
  aptListsLeft,
  aptUpgrade,
  noDockerignore,
  contextSendsHeavyDirs,
  contextLargeFiles,
  heavyBaseImage,
  buildToolsInFinalImage,
  deleteInLaterLayer,
  addWhereCopyFits,
  unpinnedBase,
  secretInEnv
];
var RULES = ALL_RULES.map(({ id, title, why, fix }) => ({
  id,
  title,
  why,
  fix
}));

// src/advice/advise.ts
function adviseDockerfile(input) {
  const model = parseDockerfile(input.dockerfileText);
  const disabledRules = new Set(input.disabledRules);
  const findings = [];
  for (const rule of ALL_RULES) {
    if (disabledRules.has(rule.id)) continue;
    for (const draft of rule.check({ model, context: input.context, disabledRules })) {
      if (model.silencedAt(draft.line).has(rule.id)) continue;
      const { fix, ...rest } = draft;
      findings.push({ rule: rule.id, file: input.dockerfilePath, ...rest, fix: fix ?? rule.fix });
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

// src/advice/context.ts
var import_dockerignore = __toESM(require_ignore(), 1);
import { lstat, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
var HEAVY_DIR_NAMES = /* @__PURE__ */ new Set([
  ".git",
  "node_modules",
  "__pycache__",
  ".venv",
  ".tox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache"
]);
var LARGE_FILE_BYTES = 5e7;
var MAX_LISTED = 10;
var MAX_PARALLEL_FS_CALLS = 32;
async function measureContext(contextDir, options = {}) {
  const root = path.resolve(contextDir);
  const rootStats = await stat(root).catch(() => null);
  if (!rootStats?.isDirectory()) throw new Error(`The build context ${contextDir} is not a directory.`);
  const dockerfile = path.resolve(root, options.dockerfile ?? "Dockerfile");
  const patterns = await readIgnoreFile(`${dockerfile}.dockerignore`) ?? await readIgnoreFile(path.join(root, ".dockerignore"));
  const dockerfileInContext = path.relative(root, dockerfile).split(path.sep).join("/");
  const selection = new ContextSelection(patterns ?? [], [".dockerignore", dockerfileInContext]);
  const tally = new Tally();
  const limit = concurrencyLimit(MAX_PARALLEL_FS_CALLS);
  const walk = async (relativeDir, heavyRoot) => {
    let entries;
    try {
      entries = await limit(() => readdir(path.join(root, relativeDir), { withFileTypes: true }));
    } catch {
      return;
    }
    const name = path.posix.basename(relativeDir);
    const isHeavy = relativeDir !== "" && (HEAVY_DIR_NAMES.has(name) || name === "venv" && entries.some((entry) => entry.name === "pyvenv.cfg"));
    const heavy = heavyRoot ?? (isHeavy ? relativeDir : null);
    const work = [];
    for (const entry of entries) {
      const relative = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (selection.mayHoldSentFiles(relative)) work.push(walk(relative, heavy));
      } else if (selection.sends(relative)) {
        work.push(
          limit(() => lstat(path.join(root, relative))).then(
            (stats) => tally.add(relative, stats.size, heavy),
            () => void 0
          )
        );
      }
    }
    await Promise.all(work);
  };
  await walk("", null);
  return tally.facts(patterns !== null);
}
var ContextSelection = class {
  matcher;
  exceptions;
  alwaysSent;
  constructor(patterns, alwaysSent) {
    this.matcher = import_dockerignore.default.default({ ignorecase: false }).add(patterns);
    this.exceptions = patterns.map((pattern) => pattern.trim()).filter((pattern) => pattern.startsWith("!")).map((pattern) => path.posix.normalize(pattern.slice(1).trim()).replace(/^\/+/, "").split("/"));
    this.alwaysSent = new Set(alwaysSent);
  }
  sends(relativeFile) {
    return this.alwaysSent.has(relativeFile) || !this.matcher.ignores(relativeFile);
  }
  /** False only when the directory is excluded and no `!` exception can reach inside it, so it can be skipped. */
  mayHoldSentFiles(relativeDir) {
    if (!this.matcher.ignores(relativeDir)) return true;
    const dir = relativeDir.split("/");
    if ([...this.alwaysSent].some((file) => file.startsWith(`${relativeDir}/`))) return true;
    return this.exceptions.some((pattern) => {
      for (let i = 0; i < Math.min(pattern.length, dir.length); i++) {
        const segment = pattern[i];
        if (/[*?[\\]/.test(segment)) return true;
        if (segment !== dir[i]) return false;
      }
      return true;
    });
  }
};
var Tally = class {
  totalBytes = 0;
  fileCount = 0;
  topLevel = /* @__PURE__ */ new Map();
  heavyDirs = /* @__PURE__ */ new Map();
  largeFiles = [];
  add(relative, bytes2, heavyRoot) {
    this.totalBytes += bytes2;
    this.fileCount += 1;
    const top = relative.split("/")[0];
    this.topLevel.set(top, (this.topLevel.get(top) ?? 0) + bytes2);
    if (heavyRoot !== null) this.heavyDirs.set(heavyRoot, (this.heavyDirs.get(heavyRoot) ?? 0) + bytes2);
    if (bytes2 >= LARGE_FILE_BYTES) this.largeFiles.push({ path: relative, bytes: bytes2 });
  }
  facts(hasDockerignore) {
    return {
      hasDockerignore,
      totalBytes: this.totalBytes,
      fileCount: this.fileCount,
      largest: descending([...this.topLevel].map(([path16, bytes2]) => ({ path: path16, bytes: bytes2 }))).slice(0, MAX_LISTED),
      sentHeavyDirs: descending(groupByName(this.heavyDirs)),
      largeFiles: descending(this.largeFiles).slice(0, MAX_LISTED)
    };
  }
};
function groupByName(dirs) {
  const byName = /* @__PURE__ */ new Map();
  for (const [dir, bytes2] of dirs) {
    const name = path.posix.basename(dir);
    byName.set(name, [...byName.get(name) ?? [], { path: dir, bytes: bytes2 }]);
  }
  return [...byName].map(
    ([name, entries]) => entries.length === 1 ? entries[0] : { path: `**/${name}`, bytes: entries.reduce((sum2, entry) => sum2 + entry.bytes, 0) }
  );
}
function descending(entries) {
  return entries.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
}
async function readIgnoreFile(file) {
  try {
    return (await readFile(file, "utf8")).replace(/^\uFEFF/, "").split(/\r?\n/);
  } catch {
    return null;
  }
}
function concurrencyLimit(max) {
  let active = 0;
  const waiting = [];
  return async (task) => {
    if (active >= max) await new Promise((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

// src/advice/run-advice.ts
async function adviseAndAnnotate(request, warn) {
  const dockerfileAbsolute = path2.resolve(request.workspace, request.dockerfile);
  let findings;
  try {
    const dockerfileText = await readFile2(dockerfileAbsolute, "utf8");
    let context2 = null;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(request.context)) {
      context2 = await measureContext(path2.resolve(request.workspace, request.context), {
        dockerfile: dockerfileAbsolute
      });
    }
    findings = adviseDockerfile({
      dockerfilePath: path2.relative(request.workspace, dockerfileAbsolute).split(path2.sep).join("/"),
      dockerfileText,
      context: context2,
      disabledRules: request.disabledRules
    });
  } catch (error) {
    warn(`Advice skipped: ${error.message}`);
    return [];
  }
  for (const finding of findings) {
    const annotate = finding.severity === "warning" ? warning : notice;
    annotate(`${finding.message} Fix: ${finding.fix}`, {
      title: `docker-fast-build: ${finding.rule}`,
      file: finding.file,
      startLine: finding.line,
      endLine: finding.endLine
    });
  }
  return findings;
}

// src/build/run-build.ts
import { readFile as readFile3 } from "node:fs/promises";

// src/build/progress.ts
var INSTRUCTION = /^\[(?:[^\]\s]+ )?\d+\/\d+\] /;
var FROM_STEP = /^\[(?:[^\]\s]+ )?\d+\/\d+\] FROM /i;
var CACHE_IMPORT = /^importing cache manifest from (\S+)/;
var CACHE_EXPORT = /^exporting cache/;
var CACHE_NOT_FOUND = /: not found$|manifest unknown|not found: not found/;
var BuildProgress = class {
  vertices = /* @__PURE__ */ new Map();
  /** Takes one line of the stream; returns what a reader should see of it. Lines that are not JSON are ignored. */
  feed(line) {
    let status;
    try {
      status = JSON.parse(line);
    } catch {
      return [];
    }
    if (!status || typeof status !== "object") return [];
    const events = [];
    for (const raw of status.vertexes ?? []) {
      const known = this.vertices.get(raw.digest);
      const vertex = known ?? {
        digest: raw.digest,
        name: "",
        number: this.vertices.size + 1,
        cached: false
      };
      const wasDone = Boolean(known?.completed);
      if (raw.name) vertex.name = raw.name;
      if (raw.cached) vertex.cached = true;
      if (raw.started) vertex.started = raw.started;
      if (raw.completed) vertex.completed = raw.completed;
      if (raw.error) vertex.error = raw.error;
      this.vertices.set(raw.digest, vertex);
      if (vertex.completed && !wasDone) events.push({ kind: "completed", vertex });
    }
    for (const log of status.logs ?? []) {
      const vertex = this.vertices.get(log.vertex);
      if (vertex && log.data)
        events.push({ kind: "log", vertex, text: Buffer.from(log.data, "base64").toString("utf8") });
    }
    return events;
  }
  /** Dockerfile instructions other than FROM, in build order. */
  get steps() {
    return [...this.vertices.values()].filter((v) => INSTRUCTION.test(v.name) && !FROM_STEP.test(v.name)).sort((a, b) => stepIndex(a.name) - stepIndex(b.name) || a.number - b.number).map((v) => ({ name: v.name, cached: v.cached, seconds: secondsBetween(v.started, v.completed) }));
  }
  get cacheProblems() {
    const problems = [];
    for (const vertex of this.vertices.values()) {
      if (!vertex.error) continue;
      const imported = CACHE_IMPORT.exec(vertex.name);
      if (imported && !CACHE_NOT_FOUND.test(vertex.error)) {
        problems.push({ direction: "import", ref: imported[1], error: vertex.error });
      } else if (CACHE_EXPORT.test(vertex.name)) {
        problems.push({ direction: "export", ref: void 0, error: vertex.error });
      }
    }
    return problems;
  }
  /** The first failed step's error, for the failure message. */
  get firstError() {
    const failed = [...this.vertices.values()].filter(
      (v) => v.error && !CACHE_IMPORT.test(v.name) && !CACHE_EXPORT.test(v.name)
    );
    const step = failed.find((v) => INSTRUCTION.test(v.name)) ?? failed[0];
    return step ? `${step.name}: ${step.error}` : void 0;
  }
};
function stepIndex(name) {
  const match = /(\d+)\/\d+\]/.exec(name);
  return match ? Number(match[1]) : 0;
}
function secondsBetween(started, completed) {
  if (!started || !completed) return void 0;
  const ms = Date.parse(completed) - Date.parse(started);
  return Number.isFinite(ms) ? Math.max(0, ms / 1e3) : void 0;
}
function describeEvent(event) {
  const prefix = `#${event.vertex.number}`;
  if (event.kind === "log") {
    return event.text.split("\n").filter((line) => line.trim() !== "").map((line) => `${prefix} ${line}`);
  }
  const { vertex } = event;
  const seconds2 = secondsBetween(vertex.started, vertex.completed);
  const state = vertex.error ? `ERROR: ${vertex.error}` : vertex.cached ? "CACHED" : `DONE ${(seconds2 ?? 0).toFixed(1)}s`;
  return [`${prefix} ${vertex.name} ${state}`];
}

// src/build/run-build.ts
async function runBuild(buildx, request) {
  const progress = new BuildProgress();
  const plainStderr = [];
  const startedAt = performance.now();
  const result = await buildx.run(request.args, {
    onStderrLine: (line) => {
      const events = progress.feed(line);
      if (events.length === 0 && !line.startsWith("{")) {
        plainStderr.push(line);
        request.print(line);
      }
      for (const event of events) for (const text of describeEvent(event)) request.print(text);
    }
  });
  const seconds2 = (performance.now() - startedAt) / 1e3;
  const steps = progress.steps;
  const metadata = await readOptional(request.metadataFile);
  const succeeded = result.exitCode === 0;
  return {
    succeeded,
    seconds: seconds2,
    steps,
    cachedSteps: steps.filter((s) => s.cached).length,
    totalSteps: steps.length,
    imageId: (await readOptional(request.imageIdFile)).trim(),
    digest: digestOf(metadata),
    metadata: metadata || "{}",
    cacheProblems: progress.cacheProblems,
    error: succeeded ? void 0 : progress.firstError ?? plainStderr.filter((l) => l.trim()).pop() ?? `buildx exited with ${result.exitCode}`
  };
}
function digestOf(metadata) {
  try {
    const parsed = JSON.parse(metadata);
    const digest = parsed["containerimage.digest"];
    return typeof digest === "string" ? digest : "";
  } catch {
    return "";
  }
}
async function readOptional(file) {
  try {
    return await readFile3(file, "utf8");
  } catch {
    return "";
  }
}

// src/cache/mounts.ts
var import_dockerfile_ast2 = __toESM(require_main(), 1);
var KNOWN_TARGETS = {
  "/root/.cache/pip": "pip",
  "/root/.cache/uv": "uv",
  "/var/cache/apt": "apt",
  "/var/lib/apt": "apt",
  "/var/cache/apt/archives": "apt",
  "/var/lib/apt/lists": "apt"
};
function cacheMountId(mount) {
  return mount.id || mount.target;
}
function findCacheMounts(dockerfileText, buildArgs = []) {
  const dockerfile = import_dockerfile_ast2.DockerfileParser.parse(dockerfileText);
  const args = argValues(dockerfile, buildArgs);
  const stageImages = resolveStageImages(dockerfile, args);
  const fallbackImage = stageImages.find((image) => Boolean(image));
  const mounts = /* @__PURE__ */ new Map();
  let stage = -1;
  const envByStage = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "FROM") {
      stage += 1;
      envByStage[stage] = {};
      continue;
    }
    if (keyword === "ENV") collectEnv(instruction, envByStage[stage] ?? {});
    if (keyword !== "RUN") continue;
    for (const flag of instruction.getFlags()) {
      if (flag.getName() !== "mount") continue;
      const options = Object.fromEntries(flag.getOptions().map((o) => [o.getName(), o.getValue() ?? ""]));
      if (options.type !== "cache") continue;
      const target = options.target ?? options.dst ?? options.destination;
      if (!target) continue;
      const mount = {
        target,
        id: options.id ?? "",
        sharing: ["private", "locked"].includes(options.sharing ?? "") ? options.sharing : "shared",
        uid: options.uid ?? "",
        gid: options.gid ?? "",
        mode: options.mode ?? "",
        kind: mountKind(target, envByStage[stage] ?? {}),
        line: instruction.getRange().start.line + 1,
        helperImage: stageImages[stage] ?? fallbackImage
      };
      if (!mounts.has(cacheMountId(mount))) mounts.set(cacheMountId(mount), mount);
    }
  }
  return [...mounts.values()];
}
function mountKind(target, env) {
  const normalized = target.replace(/\/+$/, "");
  if (env.PIP_CACHE_DIR && normalized === env.PIP_CACHE_DIR.replace(/\/+$/, "")) return "pip";
  if (env.UV_CACHE_DIR && normalized === env.UV_CACHE_DIR.replace(/\/+$/, "")) return "uv";
  const known = KNOWN_TARGETS[normalized];
  if (known) return known;
  if (/\/\.cache\/pip$/.test(normalized)) return "pip";
  if (/\/\.cache\/uv$/.test(normalized)) return "uv";
  return "generic";
}
function collectEnv(instruction, env) {
  const properties = instruction.getProperties?.();
  for (const property of properties ?? []) env[property.getName()] = property.getValue() ?? "";
}
function argValues(dockerfile, buildArgs) {
  const values = {};
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    const value = property?.getValue();
    if (property && value !== null && value !== void 0) values[property.getName()] = value;
  }
  for (const pair of buildArgs) {
    const at2 = pair.indexOf("=");
    if (at2 > 0) values[pair.slice(0, at2)] = pair.slice(at2 + 1);
  }
  return values;
}
var UNRESOLVED = "\0";
function substituteArgs2(text, args) {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, braced, colon, fallback, bare) => {
      const name = braced ?? bare ?? "";
      const value = args[name];
      if (fallback !== void 0) {
        const unset = value === void 0 || colon === ":" && value === "";
        return unset ? fallback : value;
      }
      return value ?? UNRESOLVED;
    }
  );
}
function resolveStageImages(dockerfile, args) {
  const images = [];
  const stageIndex = /* @__PURE__ */ new Map();
  dockerfile.getFROMs().forEach((from, index) => {
    const raw = substituteArgs2(from.getImage() ?? "", args);
    const earlier = stageIndex.get(raw.toLowerCase());
    if (earlier !== void 0) images.push(images[earlier]);
    else if (!raw || raw.includes(UNRESOLVED) || raw === "scratch") images.push(void 0);
    else images.push(raw);
    const name = from.getBuildStage();
    if (name) stageIndex.set(name.toLowerCase(), index);
  });
  return images;
}

// src/cache/setup.ts
import { readFile as readFile5 } from "node:fs/promises";
import { tmpdir } from "node:os";
import path9 from "node:path";

// src/inputs.ts
var DRIVERS = ["docker-container", "docker", "remote", "kubernetes"];
var LAYER_CACHES = ["registry", "gha", "local", "inline", "none"];
var CACHE_MODES = ["max", "min"];
var CACHE_BACKENDS = ["gha", "local"];
var COMMENT_MODES = ["auto", "always", "off"];
var InputError = class extends Error {
  constructor(input, message2) {
    super(`Input '${input}': ${message2}`);
    this.input = input;
    this.name = "InputError";
  }
  input;
};
var DEFAULT_MAX_CACHE_SIZE = 2e9;
function parseInputs(read) {
  const text = (name) => read(name).trim();
  const listOf = (name, ignoreComma) => Util.getList(read(name), { ignoreComma, comment: "#", commentNoInfix: true, quote: false }).map((item) => item.trim()).filter((item) => item !== "" && !item.startsWith("#"));
  const list = (name) => listOf(name, false);
  const lines = (name) => listOf(name, true);
  const image = text(Input.Image);
  const cacheRef = text(Input.CacheRef);
  if (image && !isImageRepository(image)) {
    throw new InputError(
      Input.Image,
      `expected an image repository without tag or digest, e.g. ghcr.io/org/app; got '${image}'`
    );
  }
  if (cacheRef && !isImageRepository(cacheRef)) {
    throw new InputError(
      Input.CacheRef,
      `expected a repository for the cache tags without tag or digest, e.g. ghcr.io/org/app-cache; got '${cacheRef}'`
    );
  }
  const layerCacheText = text(Input.LayerCache);
  const layerCache = layerCacheText ? oneOf(Input.LayerCache, layerCacheText, LAYER_CACHES) : image || cacheRef ? "registry" : "gha";
  if (layerCache === "registry" && !image && !cacheRef) {
    throw new InputError(
      Input.LayerCache,
      `'registry' needs the '${Input.Image}' or '${Input.CacheRef}' input`
    );
  }
  const driver = oneOf(Input.Driver, text(Input.Driver) || "docker-container", DRIVERS);
  const endpoint = text(Input.Endpoint);
  if (driver === "remote" && !endpoint && !text(Input.Builder)) {
    throw new InputError(
      Input.Endpoint,
      `the 'remote' driver needs an endpoint, e.g. tcp://buildkitd.internal:1234`
    );
  }
  const sizeBudgetText = text(Input.SizeBudget);
  const maxIncreaseText = text(Input.MaxSizeIncrease);
  const maxCacheSizeText = text(Input.MaxCacheSize);
  const context2 = text(Input.Context) || ".";
  return {
    builder: text(Input.Builder),
    driver,
    driverOpts: lines(Input.DriverOpts),
    endpoint,
    buildkitdConfig: text(Input.BuildkitdConfig),
    context: context2,
    file: text(Input.File),
    tags: list(Input.Tags),
    push: bool(Input.Push, read(Input.Push), false),
    load: bool(Input.Load, read(Input.Load), false),
    platforms: list(Input.Platforms),
    buildArgs: lines(Input.BuildArgs),
    target: text(Input.Target),
    labels: lines(Input.Labels),
    secrets: lines(Input.Secrets),
    network: text(Input.Network),
    image,
    cacheRef,
    layerCache,
    cacheMode: oneOf(Input.CacheMode, text(Input.CacheMode) || "max", CACHE_MODES),
    defaultBranch: text(Input.DefaultBranch),
    cacheBackend: oneOf(Input.CacheBackend, text(Input.CacheBackend) || "gha", CACHE_BACKENDS),
    cacheDir: text(Input.CacheDir),
    dependencyCache: text(Input.DependencyCache) || "auto",
    lockfiles: lines(Input.Lockfiles),
    maxCacheSize: maxCacheSizeText ? byteSize(Input.MaxCacheSize, maxCacheSizeText) : DEFAULT_MAX_CACHE_SIZE,
    cacheTimeoutSeconds: positiveNumber(Input.CacheTimeout, text(Input.CacheTimeout) || "600"),
    comment: oneOf(Input.Comment, text(Input.Comment) || "auto", COMMENT_MODES),
    githubToken: text(Input.GithubToken),
    advice: bool(Input.Advice, read(Input.Advice), true),
    adviceIgnore: list(Input.AdviceIgnore),
    sizeBudget: sizeBudgetText ? byteSize(Input.SizeBudget, sizeBudgetText) : void 0,
    maxSizeIncrease: maxIncreaseText ? sizeIncrease(maxIncreaseText) : void 0
  };
}
function oneOf(input, value, allowed) {
  if (allowed.includes(value)) return value;
  throw new InputError(input, `expected one of ${allowed.join(", ")}; got '${value}'`);
}
function bool(input, raw, fallback) {
  const value = raw.trim().toLowerCase();
  if (value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new InputError(input, `expected true or false; got '${raw.trim()}'`);
}
function positiveNumber(input, value) {
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || number <= 0) {
    throw new InputError(input, `expected a positive number of seconds such as 600; got '${value}'`);
  }
  return number;
}
function byteSize(input, value) {
  const bytes2 = parseByteSize(value);
  if (bytes2 === void 0 || bytes2 <= 0) {
    throw new InputError(input, `expected a positive size such as 500MB or 1.5GiB; got '${value}'`);
  }
  return bytes2;
}
function sizeIncrease(value) {
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (percent) return { percent: Number(percent[1]) };
  const bytes2 = parseByteSize(value);
  if (bytes2 === void 0) {
    throw new InputError(
      Input.MaxSizeIncrease,
      `expected a percentage such as 5% or a size such as 20MB; got '${value}'`
    );
  }
  return { bytes: bytes2 };
}
function isImageRepository(ref) {
  if (ref.includes("@")) return false;
  const lastSlash = ref.lastIndexOf("/");
  if (ref.slice(lastSlash + 1).includes(":")) return false;
  return /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(
    ref
  );
}

// src/plan/build.ts
import path3 from "node:path";
function dockerfilePath(inputs) {
  return inputs.file || path3.join(inputs.context, "Dockerfile");
}
function planBuildArgs(inputs, builderName, layerCache, files, loadImage = inputs.load) {
  const args = ["build", "--builder", builderName, "--progress", "rawjson"];
  args.push("--file", dockerfilePath(inputs));
  args.push("--iidfile", files.imageIdFile, "--metadata-file", files.metadataFile);
  for (const tag of inputs.tags) args.push("--tag", tag);
  if (inputs.platforms.length > 0) args.push("--platform", inputs.platforms.join(","));
  for (const arg of inputs.buildArgs) args.push("--build-arg", arg);
  for (const label of inputs.labels) args.push("--label", label);
  for (const secret of files.secretSpecs) args.push("--secret", secret);
  if (inputs.target) args.push("--target", inputs.target);
  if (inputs.network) args.push("--network", inputs.network);
  for (const from of layerCache.cacheFrom) args.push("--cache-from", from);
  for (const to of layerCache.cacheTo) args.push("--cache-to", to);
  if (inputs.push) args.push("--push");
  if (loadImage) args.push("--load");
  args.push(inputs.context);
  return args;
}
var FLAGS_WITH_VALUE = /* @__PURE__ */ new Set([
  "--builder",
  "--progress",
  "--file",
  "--iidfile",
  "--metadata-file",
  "--tag",
  "--platform",
  "--build-arg",
  "--label",
  "--secret",
  "--target",
  "--network",
  "--cache-from",
  "--cache-to"
]);
var NOT_FOR_EXPORT = /* @__PURE__ */ new Set([
  "--progress",
  "--iidfile",
  "--metadata-file",
  "--cache-from",
  "--cache-to",
  "--push",
  "--load"
]);
function planLayoutExportArgs(buildArgs, directory) {
  const context2 = buildArgs.at(-1);
  if (buildArgs[0] !== "build" || context2 === void 0)
    throw new Error("planLayoutExportArgs expects the arguments of a build");
  const args = ["build"];
  for (let index = 1; index < buildArgs.length - 1; index++) {
    const flag = buildArgs[index];
    const taken = FLAGS_WITH_VALUE.has(flag) ? [flag, buildArgs[++index]] : [flag];
    if (!NOT_FOR_EXPORT.has(flag)) args.push(...taken);
  }
  args.push("--progress", "plain", "--provenance", "false", "--sbom", "false");
  args.push("--output", `type=oci,tar=false,dest=${directory}`, context2);
  return args;
}

// src/plan/builder.ts
function planBuilder(facts) {
  if (facts.existingBuilder) {
    return {
      name: facts.existingBuilder,
      driver: facts.driver,
      createArgs: void 0,
      removeAfterRun: false
    };
  }
  if (facts.driver === "docker") {
    return {
      name: facts.endpoint || "default",
      driver: "docker",
      createArgs: void 0,
      removeAfterRun: false
    };
  }
  const createArgs = ["create", "--name", facts.newBuilderName, "--driver", facts.driver];
  for (const opt of facts.driverOpts) createArgs.push("--driver-opt", opt);
  if (facts.buildkitdConfig) createArgs.push("--buildkitd-config", facts.buildkitdConfig);
  if (facts.endpoint) createArgs.push(facts.endpoint);
  return { name: facts.newBuilderName, driver: facts.driver, createArgs, removeAfterRun: true };
}

// src/plan/layer-cache.ts
import { createHash } from "node:crypto";
var TAG_PREFIX = "buildcache-";
var MAX_TAG_LENGTH = 128;
function branchSlug(branch) {
  const slug = branch.toLowerCase().replace(/[^a-z0-9_.-]/g, "-");
  const room = MAX_TAG_LENGTH - TAG_PREFIX.length;
  if (slug.length <= room) return slug || "unknown";
  const hash = createHash("sha256").update(branch).digest("hex").slice(0, 8);
  return `${slug.slice(0, room - 9)}-${hash}`;
}
function layerCacheTag(branch) {
  return `${TAG_PREFIX}${branchSlug(branch)}`;
}
function planLayerCache(facts) {
  const readBranches = unique([facts.branch, facts.baseBranch, facts.defaultBranch].filter(Boolean));
  const isPullRequest = facts.pullRequestNumber !== void 0;
  const headSlug = branchSlug(facts.branch);
  const sharesProtectedName = headSlug === branchSlug(facts.defaultBranch) || facts.baseBranch !== "" && headSlug === branchSlug(facts.baseBranch);
  const ownCache = isPullRequest && sharesProtectedName;
  const writeBranch = ownCache ? `pr-${facts.pullRequestNumber}` : facts.branch;
  const readTags = unique((ownCache ? [writeBranch, ...readBranches] : readBranches).map(layerCacheTag));
  const writeTag = layerCacheTag(writeBranch);
  const ignoreError = "ignore-error=true";
  switch (facts.kind) {
    case "none":
      return { kind: "none", readRefs: [], writeRef: void 0, cacheFrom: [], cacheTo: [] };
    case "registry": {
      const ref = (tag) => `${facts.repository}:${tag}`;
      return {
        kind: "registry",
        readRefs: readTags.map(ref),
        writeRef: ref(writeTag),
        cacheFrom: readTags.map((tag) => `type=registry,ref=${ref(tag)}`),
        cacheTo: [`type=registry,ref=${ref(writeTag)},mode=${facts.mode},${ignoreError}`]
      };
    }
    case "gha":
      return {
        kind: "gha",
        readRefs: readTags,
        writeRef: writeTag,
        cacheFrom: readTags.map((tag) => `type=gha,scope=${tag}`),
        cacheTo: [`type=gha,scope=${writeTag},mode=${facts.mode},${ignoreError}`]
      };
    case "local": {
      if (!facts.cacheDir) {
        throw new InputError(
          Input.CacheDir,
          `'layer-cache: local' needs a directory in cache-dir, e.g. /var/cache/docker-fast-build`
        );
      }
      const dir = (tag) => `${facts.cacheDir.replace(/\/+$/, "")}/layers/${tag}`;
      return {
        kind: "local",
        readRefs: readTags.map(dir),
        writeRef: dir(writeTag),
        cacheFrom: readTags.map((tag) => `type=local,src=${dir(tag)}`),
        cacheTo: [`type=local,dest=${dir(writeTag)},mode=${facts.mode},${ignoreError}`]
      };
    }
    case "inline":
      return {
        kind: "inline",
        readRefs: facts.tags,
        writeRef: facts.tags[0],
        cacheFrom: facts.tags.map((tag) => `type=registry,ref=${tag}`),
        cacheTo: ["type=inline"]
      };
  }
}
function unique(values) {
  return [...new Set(values)];
}

// src/plan/index.ts
function makePlan(inputs, facts) {
  const builder = planBuilder({
    existingBuilder: inputs.builder,
    driver: inputs.driver,
    driverOpts: inputs.driverOpts,
    endpoint: inputs.endpoint,
    buildkitdConfig: inputs.buildkitdConfig,
    newBuilderName: facts.newBuilderName
  });
  const layerCache = planLayerCache({
    kind: inputs.layerCache,
    mode: inputs.cacheMode,
    repository: inputs.cacheRef || inputs.image,
    tags: inputs.tags,
    cacheDir: inputs.cacheDir,
    branch: facts.run.branch,
    baseBranch: facts.run.baseBranch,
    defaultBranch: inputs.defaultBranch || facts.run.defaultBranch || "main",
    pullRequestNumber: facts.run.pullRequestNumber
  });
  const singlePlatform = inputs.platforms.length <= 1;
  const load = inputs.load || singlePlatform && builder.driver !== "docker";
  const imageIsLocal = singlePlatform && (load || builder.driver === "docker");
  return {
    builder,
    layerCache,
    buildArgs: planBuildArgs(inputs, builder.name, layerCache, facts.files, load),
    imageIsLocal
  };
}

// src/plan/dependency-cache.ts
import path4 from "node:path";

// src/cache/keys.ts
import { createHash as createHash2 } from "node:crypto";
var KEY_VERSION = "v1";
function mountSlug(mount) {
  const id = cacheMountId(mount);
  const readable = id.replace(/^\/+|\/+$/g, "").replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 70) || "root";
  return `${readable}-${createHash2("sha256").update(id).digest("hex").slice(0, 8)}`;
}
function mountCacheKeys(mount, facts) {
  const mountPrefix = `docker-fast-build-${KEY_VERSION}-${facts.os}-${facts.arch}-${mountSlug(mount)}-`;
  const exactPrefix = `${mountPrefix}${facts.lockfileHash}-`;
  return {
    primaryKey: `${mountPrefix}${facts.lockfileHash}`,
    restoreKeys: [exactPrefix, mountPrefix],
    saveKey: `${exactPrefix}${facts.runStamp}`,
    exactPrefix
  };
}
function restoreStatus(keys, matchedKey) {
  if (!matchedKey) return "miss";
  return matchedKey.startsWith(keys.exactPrefix) || matchedKey === keys.primaryKey ? "exact" : "partial";
}
function overallStatus(statuses) {
  const active = statuses.filter((s) => s !== "off");
  if (active.length === 0) return "off";
  if (active.every((s) => s === "exact")) return "exact";
  if (active.every((s) => s === "miss")) return "miss";
  return "partial";
}

// src/plan/dependency-cache.ts
function planDependencyCache(facts) {
  const setting = facts.setting.trim();
  if (setting === "off") return { enabled: false, mounts: [], skipped: [], unknownTargets: [] };
  const wanted = setting === "auto" || setting === "" ? void 0 : setting.split(/[\n,]/).map((s) => s.trim().replace(/(.)\/+$/, "$1")).filter(Boolean);
  const matches = (mount, name) => name === mount.target.replace(/(.)\/+$/, "$1") || name === cacheMountId(mount);
  const chosen = wanted ? facts.mounts.filter((m) => wanted.some((name) => matches(m, name))) : facts.mounts;
  const unknownTargets = wanted ? wanted.filter((name) => !facts.mounts.some((m) => matches(m, name))) : [];
  const skipped = chosen.map((mount) => ({ mount, reason: whyNotCarried(mount) })).filter((s) => s.reason !== void 0);
  const mounts = chosen.filter((m) => whyNotCarried(m) === void 0).map((mount) => ({
    mount,
    keys: mountCacheKeys(mount, facts.keyFacts),
    dir: path4.join(facts.hostRoot, mountSlug(mount)),
    stepFingerprint: facts.stepFingerprints?.get(cacheMountId(mount))
  }));
  return { enabled: true, mounts, skipped, unknownTargets };
}
var SAFE_MOUNT_VALUE = /^[A-Za-z0-9_./@:+=-]*$/;
function whyNotCarried(mount) {
  if (!mount.helperImage) return "no base image with a shell could be resolved for its stage";
  const unsafe = [mount.target, mount.id, mount.uid, mount.gid, mount.mode].find(
    (v) => !SAFE_MOUNT_VALUE.test(v)
  );
  return unsafe === void 0 ? void 0 : `its options hold characters the helper builds cannot repeat safely ('${unsafe}')`;
}

// src/cache/backends/gha.ts
function createGhaBackend() {
  return {
    name: "gha",
    async restore(dir, primaryKey, restoreKeys) {
      return await restoreCache([dir], primaryKey, restoreKeys, {}, false) ?? void 0;
    },
    async save(dir, key) {
      await saveCache([dir], key);
    }
  };
}

// src/cache/backends/local.ts
import { execFile } from "node:child_process";
import { mkdir, readdir as readdir2, rename, rm, stat as stat2, utimes } from "node:fs/promises";
import path5 from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
var UNUSED_ENTRY_MS = 7 * 24 * 3600 * 1e3;
function createLocalBackend(cacheDir) {
  const entriesDir = path5.join(cacheDir, "dependency-caches");
  let compression;
  const compressor = () => compression ??= detectCompression();
  async function entries() {
    let names;
    try {
      names = await readdir2(entriesDir);
    } catch {
      return [];
    }
    const found = [];
    for (const name of names) {
      const match = /^(.+)\.tar\.(zst|gz)$/.exec(name);
      if (!match?.[1]) continue;
      const file = path5.join(entriesDir, name);
      found.push({ key: match[1], file, mtimeMs: (await stat2(file)).mtimeMs });
    }
    return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
  }
  return {
    name: "local",
    async restore(dir, primaryKey, restoreKeys) {
      const all = await entries();
      const entry = all.find((e) => e.key === primaryKey) ?? restoreKeys.map((prefix) => all.find((e) => e.key.startsWith(prefix))).find(Boolean);
      if (!entry) return void 0;
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const zstd = entry.file.endsWith(".zst");
      await run("tar", [zstd ? "--zstd" : "--gzip", "-xf", entry.file, "-C", dir], {
        maxBuffer: 16 * 1024 * 1024
      });
      const now = /* @__PURE__ */ new Date();
      await utimes(entry.file, now, now);
      return entry.key;
    },
    async save(dir, key) {
      await mkdir(entriesDir, { recursive: true });
      const { flag, extension } = await compressor();
      const final = path5.join(entriesDir, `${key}.tar.${extension}`);
      const partial = `${final}.partial-${process.pid}`;
      try {
        await run("tar", [flag, "-cf", partial, "-C", dir, "."], { maxBuffer: 16 * 1024 * 1024 });
        await rename(partial, final);
      } finally {
        await rm(partial, { force: true });
      }
      const unusedSince = Date.now() - UNUSED_ENTRY_MS;
      for (const stale of (await entries()).filter((e) => e.mtimeMs < unusedSince))
        await rm(stale.file, { force: true });
    }
  };
}
async function detectCompression() {
  try {
    await run("zstd", ["--version"]);
    return { flag: "--zstd", extension: "zst" };
  } catch {
    return { flag: "--gzip", extension: "gz" };
  }
}

// src/cache/backends/with-timeout.ts
function withTimeout(backend, seconds2) {
  const bounded = (what, operation) => {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} timed out after ${seconds2} s (cache-timeout)`)),
        seconds2 * 1e3
      );
    });
    return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
  };
  return {
    name: backend.name,
    restore: (dir, primaryKey, restoreKeys) => bounded("restore", backend.restore(dir, primaryKey, restoreKeys)),
    save: (dir, key) => bounded("save", backend.save(dir, key))
  };
}

// src/cache/dependency-cache.ts
import { mkdir as mkdir2, rm as rm3 } from "node:fs/promises";
import path6 from "node:path";

// src/plan/layer-covered.ts
import { createHash as createHash3 } from "node:crypto";
function cacheStepFingerprints(dockerfileText, mountIds, facts) {
  const model = parseDockerfile(dockerfileText);
  const lines = dockerfileText.split(/\r?\n/);
  const starts = [
    ...model.globalArgs.map((s) => s.line),
    ...model.stages.flatMap((stage) => [stage.from.line, ...stage.steps.map((s) => s.line)])
  ].sort((a, b) => a - b);
  const endOf = (line) => (starts.find((start) => start > line) ?? lines.length + 1) - 1;
  const textBetween = (from, to) => lines.slice(from - 1, to).join("\n");
  const preamble = textBetween(1, (model.stages[0]?.from.line ?? 1) - 1);
  const onlyLockfiles = (step) => seesOnlyLockfiles(step, facts);
  const fingerprints = /* @__PURE__ */ new Map();
  for (const mountId of mountIds) {
    const parts = [];
    let coverable = true;
    for (const stage of model.stages) {
      for (const [index, step] of stage.steps.entries()) {
        if (step.kind !== "run" || !step.mounts.some((m) => isCacheMount(m, mountId))) continue;
        const chain = stageChain(stage);
        const earlierStages = chain.slice(0, -1);
        const before = stage.steps.slice(0, index + 1);
        if (!earlierStages.every((s) => s.steps.every(onlyLockfiles)) || !before.every(onlyLockfiles)) {
          coverable = false;
          continue;
        }
        parts.push(
          ...earlierStages.map((s) => textBetween(s.from.line, endOf(lastLine(s)))),
          textBetween(stage.from.line, endOf(step.line))
        );
      }
    }
    fingerprints.set(
      mountId,
      coverable && parts.length > 0 ? createHash3("sha256").update(JSON.stringify([preamble, parts, facts.lockfileHash, facts.buildSettings])).digest("hex").slice(0, 32) : void 0
    );
  }
  return fingerprints;
}
function lastLine(stage) {
  return stage.steps[stage.steps.length - 1]?.line ?? stage.from.line;
}
function isCacheMount(mount, mountId) {
  return mount.type === "cache" && cacheMountId({ id: mount.id ?? "", target: mount.target ?? "" }) === mountId;
}
function seesOnlyLockfiles(step, facts) {
  if (step.kind === "copy") {
    if (step.heredoc) return true;
    if (step.from !== null) return false;
    return step.sources.every((source) => isLockfileSource(source, facts));
  }
  if (step.kind === "run") {
    return step.mounts.every((mount) => {
      if (mount.from !== null) return false;
      if (mount.type === "bind") return mount.source !== null && isLockfileSource(mount.source, facts);
      return true;
    });
  }
  return true;
}
function isLockfileSource(source, facts) {
  if (source.includes("://")) return false;
  const relative = source.replace(/^(\.\/|\/)+/, "");
  if (!/[*?[\\]/.test(relative)) return facts.lockfiles.has(relative);
  return !relative.includes("/") && facts.lockfileNames.includes(relative);
}
function mountsCoveredByLayerCache(base, fingerprints, layerCache, cacheMode) {
  const covered = /* @__PURE__ */ new Set();
  if (!base?.succeeded || cacheMode !== "max" || !base.layerCacheExported) return covered;
  if (!["registry", "gha", "local"].includes(layerCache.kind)) return covered;
  if (!base.writeRef || !layerCache.readRefs.includes(base.writeRef)) return covered;
  for (const [mountId, fingerprint] of fingerprints) {
    if (fingerprint === void 0) continue;
    if (base.mounts.some((m) => m.mountId === mountId && m.fingerprint === fingerprint)) covered.add(mountId);
  }
  return covered;
}
function stepsFromLayerCache(mountId, steps) {
  const escaped = mountId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const names = new RegExp(`\\b(?:id|target|dst|destination)=${escaped}(?=[,\\s"]|$)`);
  const using = steps.filter((step) => /\] RUN /.test(step.name) && names.test(step.name));
  if (using.length === 0) return void 0;
  return using.every((step) => step.cached);
}

// src/cache/archive.ts
var tarStream = __toESM(require_tar_stream(), 1);
import { createReadStream, createWriteStream } from "node:fs";
import { rename as rename2, rm as rm2, stat as stat3 } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
async function fileBytes(file) {
  try {
    return (await stat3(file)).size;
  } catch {
    return 0;
  }
}
async function listFiles(archive) {
  const files = [];
  const extract2 = tarStream.extract();
  const reading = pipeline(createReadStream(archive), extract2);
  for await (const entry of extract2) {
    const { header } = entry;
    if (header.type === "file")
      files.push({ name: header.name, size: header.size ?? 0, mtimeMs: header.mtime?.getTime() ?? 0 });
    entry.resume();
  }
  await reading;
  return files;
}
async function pruneArchive(archive, maxBytes) {
  const files = await listFiles(archive);
  const total = files.reduce((sum2, f) => sum2 + f.size, 0);
  if (total <= maxBytes) return { files: files.length, keptBytes: total, prunedBytes: 0, prunedFiles: 0 };
  const dropped = /* @__PURE__ */ new Set();
  let kept = total;
  for (const file of [...files].sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (kept <= maxBytes) break;
    dropped.add(file.name);
    kept -= file.size;
  }
  const partial = `${archive}.partial`;
  const extract2 = tarStream.extract();
  const pack2 = tarStream.pack();
  const writing = pipeline(pack2, createWriteStream(partial));
  const reading = pipeline(createReadStream(archive), extract2);
  try {
    for await (const entry of extract2) {
      if (entry.header.type === "file" && dropped.has(entry.header.name)) {
        entry.resume();
        continue;
      }
      await new Promise((resolve, reject) => {
        const sink = pack2.entry(entry.header, (error) => error ? reject(error) : resolve());
        entry.pipe(sink);
      });
    }
    pack2.finalize();
    await Promise.all([reading, writing]);
    await rename2(partial, archive);
  } finally {
    await rm2(partial, { force: true });
  }
  const prunedBytes = total - kept;
  return { files: files.length - dropped.size, keptBytes: kept, prunedBytes, prunedFiles: dropped.size };
}

// src/cache/helper-dockerfiles.ts
var NONCE_ARG = "DFB_NONCE";
var RESTORED_DIR = "/dfb-restored";
var EXTRACT_DIR = "/dfb-extract";
function mountFlag(mount) {
  const options = [
    `type=cache`,
    `target=${mount.target}`,
    `id=${cacheMountId(mount)}`,
    `sharing=${mount.sharing}`
  ];
  if (mount.uid) options.push(`uid=${mount.uid}`);
  if (mount.gid) options.push(`gid=${mount.gid}`);
  if (mount.mode) options.push(`mode=${mount.mode}`);
  return `--mount=${options.join(",")}`;
}
function execForm(argv) {
  return JSON.stringify(argv);
}
var ARCHIVE_NAME = "cache.tar";
var TAR_CREATE = `tar --numeric-owner -cpf "$1" -C "$0" .`;
var TAR_EXTRACT = `tar --numeric-owner -xpf "$1" -C "$0"`;
function injectDockerfile(mount, image) {
  return [
    `FROM ${image}`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} --mount=type=bind,source=.,target=${RESTORED_DIR} \\`,
    `    ${execForm(["sh", "-c", TAR_EXTRACT, mountDir(mount), `${RESTORED_DIR}/${ARCHIVE_NAME}`])}`,
    ""
  ].join("\n");
}
function extractDockerfile(mount, image) {
  return [
    `FROM ${image} AS pack`,
    `ARG ${NONCE_ARG}`,
    `RUN ${mountFlag(mount)} \\`,
    `    ${execForm(["sh", "-c", `mkdir -p ${EXTRACT_DIR} && ${TAR_CREATE}`, mountDir(mount), `${EXTRACT_DIR}/${ARCHIVE_NAME}`])}`,
    "FROM scratch",
    `COPY --from=pack ${EXTRACT_DIR}/${ARCHIVE_NAME} /${ARCHIVE_NAME}`,
    ""
  ].join("\n");
}
function mountDir(mount) {
  return mount.target.replace(/(.)\/+$/, "$1");
}

// src/cache/dependency-cache.ts
var DependencyCacheSession = class {
  constructor(plan, effects) {
    this.plan = plan;
    this.effects = effects;
    for (const planned of plan.mounts) {
      this.outcomes.set(planned, {
        target: planned.mount.target,
        kind: planned.mount.kind,
        status: "miss",
        matchedKey: void 0,
        restoredBytes: 0,
        savedKey: void 0,
        savedBytes: 0,
        prunedBytes: 0,
        prunedFiles: 0,
        mountId: cacheMountId(planned.mount),
        ...planned.stepFingerprint ? { fingerprint: planned.stepFingerprint } : {}
      });
    }
  }
  plan;
  effects;
  outcomes = /* @__PURE__ */ new Map();
  seconds = { restore: 0, inject: 0, extract: 0, save: 0 };
  /** `coveredByLayerCache`: mount ids whose steps the layer cache holds, so restoring them is skipped. */
  async restoreAndInject(coveredByLayerCache = /* @__PURE__ */ new Set()) {
    for (const [planned, outcome] of this.outcomes) {
      const { mount, keys, dir } = planned;
      if (coveredByLayerCache.has(cacheMountId(mount))) {
        outcome.status = "exact";
        outcome.restoreSkipped = true;
        this.effects.info(
          `Dependency cache for ${mount.target} not restored: the last build ran the same steps from the same lockfiles, and the layer cache holds them.`
        );
        continue;
      }
      try {
        await rm3(dir, { recursive: true, force: true });
        await mkdir2(dir, { recursive: true });
        outcome.matchedKey = await this.timed(
          "restore",
          () => this.effects.backend.restore(dir, keys.primaryKey, keys.restoreKeys)
        );
      } catch (error) {
        this.effects.warn(
          `Dependency cache for ${mount.target} could not be restored; building without it: ${message(error)}`
        );
        outcome.matchedKey = void 0;
      }
      outcome.status = restoreStatus(keys, outcome.matchedKey);
      if (outcome.status === "miss") continue;
      outcome.restoredBytes = await fileBytes(path6.join(dir, ARCHIVE_NAME));
      try {
        await this.timed("inject", () => this.effects.transfer.inject(mount, dir));
      } catch (error) {
        this.effects.warn(
          `Dependency cache for ${mount.target} was restored but could not be put into BuildKit: ${message(error)}`
        );
        outcome.status = "miss";
      }
    }
  }
  /**
   * Checks the guess behind each skipped restore. A step that ran after all had an empty cache mount:
   * what it downloaded is saved, and the next build restores instead of skipping.
   */
  checkAgainstBuild(steps) {
    for (const [planned, outcome] of this.outcomes) {
      const fromLayerCache = stepsFromLayerCache(cacheMountId(planned.mount), steps);
      if (fromLayerCache !== void 0) outcome.stepsFromLayerCache = fromLayerCache;
      if (outcome.restoreSkipped && fromLayerCache === false) {
        this.effects.warn(
          `Dependency cache for ${planned.mount.target} was not restored because the layer cache was expected to hold its steps, but they ran: their downloads are saved for the next build.`
        );
        outcome.status = "miss";
      }
    }
  }
  /** Saves what changed; never after a failed build (its cache may be half written) and never over an exact hit. */
  async extractAndSave(buildSucceeded, maxBytesPerMount) {
    if (!buildSucceeded) return;
    for (const [planned, outcome] of this.outcomes) {
      if (outcome.status === "exact") continue;
      const { mount, keys, dir } = planned;
      try {
        await this.timed("extract", () => this.effects.transfer.extract(mount, dir));
        const pruned = await pruneArchive(path6.join(dir, ARCHIVE_NAME), maxBytesPerMount);
        outcome.prunedBytes = pruned.prunedBytes;
        outcome.prunedFiles = pruned.prunedFiles;
        if (pruned.files === 0) continue;
        await this.timed("save", () => this.effects.backend.save(dir, keys.saveKey));
        outcome.savedKey = keys.saveKey;
        outcome.savedBytes = pruned.keptBytes;
      } catch (error) {
        this.effects.warn(
          `Dependency cache for ${mount.target} could not be saved; the next build may be slower: ${message(error)}`
        );
      }
    }
  }
  report() {
    const mounts = [...this.outcomes.values()];
    return {
      status: this.plan.enabled ? overallStatus(mounts.map((m) => m.status)) : "off",
      mounts,
      seconds: { ...this.seconds }
    };
  }
  async timed(phase, action) {
    const started = performance.now();
    try {
      return await action();
    } finally {
      this.seconds[phase] += (performance.now() - started) / 1e3;
    }
  }
};
function message(error) {
  return error instanceof Error ? error.message : String(error);
}

// src/cache/lockfiles.ts
import { createHash as createHash4 } from "node:crypto";
import { readFile as readFile4, stat as stat4 } from "node:fs/promises";
import path7 from "node:path";
var DEFAULT_LOCKFILES = [
  "requirements*.txt",
  "uv.lock",
  "poetry.lock",
  "Pipfile.lock",
  "pyproject.toml"
];
var EXCLUDED = ["node_modules", ".git", ".venv", "venv", ".tox"];
function lockfilePatterns(userPatterns, workspace, context2) {
  const patterns = userPatterns.length > 0 ? userPatterns.map(
    (p) => p.startsWith("!") ? `!${path7.resolve(workspace, p.slice(1))}` : path7.resolve(workspace, p)
  ) : DEFAULT_LOCKFILES.map((name) => path7.join(path7.resolve(workspace, context2), "**", name));
  return [
    ...patterns,
    ...EXCLUDED.map((dir) => `!${path7.join(path7.resolve(workspace, context2), "**", dir, "**")}`)
  ];
}
async function hashLockfiles(patterns, workspace) {
  const globber = await create(patterns.join("\n"), {
    followSymbolicLinks: false,
    implicitDescendants: false
  });
  const files = [];
  for (const match of await globber.glob()) {
    if ((await stat4(match)).isFile()) files.push(match);
  }
  const relative = files.map((file) => path7.relative(workspace, file).split(path7.sep).join("/")).sort();
  const digest = createHash4("sha256");
  for (const file of relative) {
    digest.update(`${file}\0`);
    digest.update(
      createHash4("sha256").update(await readFile4(path7.join(workspace, file))).digest()
    );
  }
  return { hash: digest.digest("hex").slice(0, 32), files: relative };
}

// src/cache/mount-transfer.ts
import { randomBytes } from "node:crypto";
import { mkdir as mkdir3, rm as rm4, writeFile } from "node:fs/promises";
import path8 from "node:path";
function createMountTransfer(buildx, builderName, scratchDir) {
  async function helperBuild(kind, mount, dockerfile, output, context2) {
    const file = path8.join(scratchDir, `${kind}-${mountSlug(mount)}.Dockerfile`);
    await writeFile(file, dockerfile);
    const progress = new BuildProgress();
    const result = await buildx.run(
      [
        "build",
        "--builder",
        builderName,
        "--progress",
        "rawjson",
        "--provenance=false",
        "--sbom=false",
        "--build-arg",
        `${NONCE_ARG}=${randomBytes(8).toString("hex")}`,
        "--file",
        file,
        "--output",
        output,
        context2
      ],
      { onStderrLine: (line) => void progress.feed(line) }
    );
    if (result.exitCode !== 0) {
      const reason = progress.firstError ?? result.stderr.trim().split("\n").pop() ?? `exit code ${result.exitCode}`;
      throw new Error(`${kind} of cache mount ${mount.target} failed: ${reason}`);
    }
  }
  return {
    async inject(mount, fromDir) {
      await helperBuild(
        "inject",
        mount,
        injectDockerfile(mount, requireImage(mount)),
        "type=cacheonly",
        fromDir
      );
    },
    async extract(mount, toDir) {
      await rm4(toDir, { recursive: true, force: true });
      await mkdir3(toDir, { recursive: true });
      const emptyContext = path8.join(scratchDir, "empty-context");
      await mkdir3(emptyContext, { recursive: true });
      await helperBuild(
        "extract",
        mount,
        extractDockerfile(mount, requireImage(mount)),
        `type=local,dest=${toDir}`,
        emptyContext
      );
    }
  };
}
function requireImage(mount) {
  if (!mount.helperImage) {
    throw new Error(
      `no base image with a shell was found for cache mount ${mount.target} (line ${mount.line})`
    );
  }
  return mount.helperImage;
}

// src/cache/setup.ts
var CACHE_MOUNTS_HOST_ROOT = path9.join(tmpdir(), "docker-fast-build", "cache-mounts");
async function planDependencyCacheForRun(context2) {
  const { inputs, workspace } = context2;
  if (inputs.dependencyCache === "off") {
    return planDependencyCache({
      setting: "off",
      mounts: [],
      keyFacts: { os: "linux", arch: "", lockfileHash: "", runStamp: "" },
      hostRoot: ""
    });
  }
  const dockerfile = path9.resolve(workspace, dockerfilePath(inputs));
  const dockerfileText = await readFile5(dockerfile, "utf8");
  const lockfiles = await hashLockfiles(
    lockfilePatterns(inputs.lockfiles, workspace, inputs.context),
    workspace
  );
  if (inputs.lockfiles.length > 0 && lockfiles.files.length === 0) {
    throw new InputError(
      Input.Lockfiles,
      `expected globs that match at least one file; '${inputs.lockfiles.join(", ")}' matched none`
    );
  }
  const lockfileHash = lockfiles.files.length > 0 ? lockfiles.hash : (await hashLockfiles([dockerfile], workspace)).hash;
  const mounts = findCacheMounts(dockerfileText, inputs.buildArgs);
  const contextDir = path9.resolve(workspace, inputs.context);
  const stepFingerprints = cacheStepFingerprints(dockerfileText, mounts.map(cacheMountId), {
    lockfiles: new Set(
      lockfiles.files.map((file) => path9.relative(contextDir, path9.resolve(workspace, file)).split(path9.sep).join("/")).filter((file) => !file.startsWith(".."))
    ),
    lockfileNames: inputs.lockfiles.length === 0 ? DEFAULT_LOCKFILES : [],
    lockfileHash,
    buildSettings: [
      ...inputs.buildArgs,
      `platforms=${inputs.platforms.join(",")}`,
      `target=${inputs.target}`
    ]
  });
  return planDependencyCache({
    setting: inputs.dependencyCache,
    mounts,
    keyFacts: {
      os: "linux",
      arch: (inputs.platforms.join("+") || context2.runnerArch).replace(/[^A-Za-z0-9+_.]/g, "_"),
      lockfileHash,
      runStamp: context2.runStamp
    },
    hostRoot: CACHE_MOUNTS_HOST_ROOT,
    stepFingerprints
  });
}
function chooseBackend(inputs) {
  if (inputs.cacheBackend === "local") {
    if (!inputs.cacheDir) {
      throw new InputError(
        Input.CacheDir,
        `'cache-backend: local' needs a directory, e.g. /var/cache/docker-fast-build`
      );
    }
    return { backend: withTimeout(createLocalBackend(inputs.cacheDir), inputs.cacheTimeoutSeconds) };
  }
  if (!isFeatureAvailable()) {
    return {
      unavailable: "the Actions cache service is not available on this runner (ACTIONS_RESULTS_URL is not set)"
    };
  }
  return { backend: withTimeout(createGhaBackend(), inputs.cacheTimeoutSeconds) };
}
function startDependencyCacheSession(plan, backend, buildx, builderName, scratchDir, warn) {
  return new DependencyCacheSession(plan, {
    backend,
    transfer: createMountTransfer(buildx, builderName, scratchDir),
    warn,
    info: (message2) => info(message2)
  });
}

// src/github/run-context.ts
import { readFileSync } from "node:fs";
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];
function readRunContext(env) {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const payload = readEventPayload(env.GITHUB_EVENT_PATH);
  const pr = PULL_REQUEST_EVENTS.includes(eventName) ? payload.pull_request : void 0;
  const repository = env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? "";
  const headRepo = pr?.head?.repo?.full_name;
  return {
    eventName,
    branch: pr?.head?.ref || env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || refName(env.GITHUB_REF),
    baseBranch: pr ? pr.base?.ref || env.GITHUB_BASE_REF || "" : "",
    defaultBranch: payload.repository?.default_branch ?? "",
    pullRequestNumber: pr?.number,
    isForkPullRequest: Boolean(pr && headRepo && repository && headRepo !== repository),
    repository,
    runId: env.GITHUB_RUN_ID ?? "",
    sha: env.GITHUB_SHA ?? "",
    workspace: env.GITHUB_WORKSPACE ?? process.cwd()
  };
}
function refName(ref) {
  return (ref ?? "").replace(/^refs\/(heads|tags)\//, "");
}
function readEventPayload(eventPath) {
  if (!eventPath) return {};
  try {
    const payload = JSON.parse(readFileSync(eventPath, "utf8"));
    return payload && typeof payload === "object" ? payload : {};
  } catch {
    return {};
  }
}

// src/report/base-store.ts
import { mkdir as mkdir4, readFile as readFile6, rm as rm5, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import path10 from "node:path";

// src/report/layers/known-layers.ts
var SCHEMA = "docker-fast-build/layers@1";
var MAX_STORED_PATHS = 1e6;
var DIGEST = /^sha256:[0-9a-f]{64}$/;
function serialiseKnownLayers(layers) {
  const unique2 = new Map(layers.map((layer) => [layer.digest, layer]));
  let paths = 0;
  const stored = [];
  for (const { digest, compressedBytes, bytes: bytes2, files, table: table2 } of unique2.values()) {
    paths += table2.files.size + table2.directories.length + table2.whiteouts.length;
    if (paths > MAX_STORED_PATHS) return void 0;
    stored.push({
      digest,
      compressedBytes,
      bytes: bytes2,
      files,
      table: {
        files: [...table2.files],
        directories: table2.directories,
        whiteouts: table2.whiteouts,
        opaqueDirectories: table2.opaqueDirectories
      }
    });
  }
  return JSON.stringify({ schema: SCHEMA, layers: stored });
}
function parseKnownLayers(text) {
  const known = /* @__PURE__ */ new Map();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return known;
  }
  if (!isRecord(parsed) || parsed.schema !== SCHEMA || !Array.isArray(parsed.layers)) return known;
  for (const candidate of parsed.layers) {
    const layer = validLayer(candidate);
    if (layer) known.set(layer.digest, layer);
  }
  return known;
}
function validLayer(value) {
  if (!isRecord(value) || typeof value.digest !== "string" || !DIGEST.test(value.digest)) return void 0;
  const { compressedBytes, bytes: bytes2, files, table: table2 } = value;
  if (!isCount(compressedBytes) || !isCount(bytes2) || !isCount(files) || !isRecord(table2)) return void 0;
  if (!Array.isArray(table2.files) || !table2.files.every(isPathSize)) return void 0;
  const lists = [table2.directories, table2.whiteouts, table2.opaqueDirectories];
  if (!lists.every((list) => Array.isArray(list) && list.every((item) => typeof item === "string")))
    return void 0;
  const pathTable = {
    files: new Map(table2.files),
    directories: table2.directories,
    whiteouts: table2.whiteouts,
    opaqueDirectories: table2.opaqueDirectories
  };
  return { digest: value.digest, compressedBytes, bytes: bytes2, files, table: pathTable };
}
function isPathSize(entry) {
  return Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string" && isCount(entry[1]);
}
function isCount(value) {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/report/model.ts
var REPORT_SCHEMA = "docker-fast-build/report@1";

// src/report/base-store.ts
var REPORTS_ROOT = path10.join(tmpdir2(), "docker-fast-build", "reports");
var REPORT_FILE = "report.json";
var LAYERS_FILE = "layers.json";
function imageSlug(name) {
  return name.replace(/[@:][^/]*$/, "").replace(/[^A-Za-z0-9_.-]+/g, "-").slice(-80) || "image";
}
function keyPrefix(image, branch) {
  return `docker-fast-build-report-v1-${imageSlug(image)}-${branchSlug(branch)}-`;
}
var BaseReportStore = class {
  constructor(backend, image) {
    this.backend = backend;
    this.image = image;
    this.dir = path10.join(REPORTS_ROOT, imageSlug(image));
  }
  backend;
  image;
  dir;
  async load(branch) {
    const prefix = keyPrefix(this.image, branch);
    await rm5(this.dir, { recursive: true, force: true });
    await mkdir4(this.dir, { recursive: true });
    const matched = await this.backend.restore(this.dir, prefix, [prefix]);
    if (!matched) return void 0;
    const report = JSON.parse(await readFile6(path10.join(this.dir, REPORT_FILE), "utf8"));
    return report.schema === REPORT_SCHEMA ? report : void 0;
  }
  /** The layers kept with the report `load` found (none when it found none, or they were unreadable). */
  async loadedLayers() {
    try {
      return parseKnownLayers(await readFile6(path10.join(this.dir, LAYERS_FILE), "utf8"));
    } catch {
      return /* @__PURE__ */ new Map();
    }
  }
  async save(report, runStamp, layers = []) {
    await rm5(this.dir, { recursive: true, force: true });
    await mkdir4(this.dir, { recursive: true });
    await writeFile2(path10.join(this.dir, REPORT_FILE), JSON.stringify(report));
    const layersText = serialiseKnownLayers(layers);
    if (layersText !== void 0) await writeFile2(path10.join(this.dir, LAYERS_FILE), layersText);
    await this.backend.save(this.dir, `${keyPrefix(this.image, report.git.branch)}${runStamp}`);
  }
};

// src/report/build-summary.ts
function cacheHitRatio(build) {
  return build.totalSteps === 0 ? 0 : build.cachedSteps / build.totalSteps;
}
function describeCacheProblems(build, layerCache) {
  return build.cacheProblems.map(
    (p) => p.direction === "import" ? `Layer cache ${p.ref ?? "(unknown)"} could not be read; the build went on without it: ${p.error}` : `Layer cache ${layerCache.writeRef ?? "(unknown)"} could not be written; the image is fine, the next build may be slower: ${p.error}`
  );
}

// src/report/measure.ts
import { rm as rm6 } from "node:fs/promises";
import path12 from "node:path";

// src/docker/image.ts
async function imageLayerIds(image) {
  const result = await getExecOutput(
    "docker",
    ["image", "inspect", "--format", "{{json .RootFS.Layers}}", image],
    {
      ignoreReturnCode: true,
      silent: true
    }
  );
  if (result.exitCode !== 0) return void 0;
  try {
    const layers = JSON.parse(result.stdout.trim());
    return Array.isArray(layers) && layers.every((l) => typeof l === "string") ? layers : void 0;
  } catch {
    return void 0;
  }
}

// src/report/layers/docker-save.ts
import { spawn } from "node:child_process";

// src/report/layers/analyse.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
import { createHash as createHash5 } from "node:crypto";
import { Readable, pipeline as pipeline2 } from "node:stream";
import { createGunzip } from "node:zlib";

// src/report/layers/waste.ts
function computeWaste(layers) {
  const root = { size: 0, layer: -1, children: /* @__PURE__ */ new Map() };
  const records = /* @__PURE__ */ new Map();
  const waste = (path16, node, layer) => {
    let record = records.get(path16);
    if (!record) {
      record = { wastedBytes: 0, layers: /* @__PURE__ */ new Set() };
      records.set(path16, record);
    }
    record.layers.add(layer);
    const pending = [node];
    for (let current = pending.pop(); current; current = pending.pop()) {
      if (current.children) pending.push(...current.children.values());
      else {
        record.wastedBytes += current.size;
        record.layers.add(current.layer);
      }
    }
  };
  const directoryAt = (path16, layer) => {
    let children = root.children;
    let walked = "";
    for (const name of path16 === "" ? [] : path16.split("/")) {
      walked = walked === "" ? name : `${walked}/${name}`;
      let node = children.get(name);
      if (!node?.children) {
        if (node) waste(walked, node, layer);
        node = { size: 0, layer, children: /* @__PURE__ */ new Map() };
        children.set(name, node);
      }
      children = node.children;
    }
    return children;
  };
  const lookup = (path16) => {
    const names = path16.split("/");
    const name = names.pop();
    let parent = root.children;
    for (const directory of names) {
      const next = parent.get(directory)?.children;
      if (!next) return void 0;
      parent = next;
    }
    return parent.has(name) ? { parent, name } : void 0;
  };
  layers.forEach((table2, layer) => {
    for (const directory of table2.opaqueDirectories) {
      const found = directory === "" ? void 0 : lookup(directory);
      const children = directory === "" ? root.children : found?.parent.get(found.name)?.children;
      if (!children || children.size === 0) continue;
      waste(directory, { size: 0, layer, children: new Map(children) }, layer);
      children.clear();
    }
    for (const path16 of table2.whiteouts) {
      const found = lookup(path16);
      if (!found) continue;
      waste(path16, found.parent.get(found.name), layer);
      found.parent.delete(found.name);
    }
    for (const directory of table2.directories) directoryAt(directory, layer);
    for (const [path16, size] of table2.files) {
      const slash = path16.lastIndexOf("/");
      const parent = directoryAt(slash < 0 ? "" : path16.slice(0, slash), layer);
      const name = path16.slice(slash + 1);
      const previous = parent.get(name);
      if (previous) waste(path16, previous, layer);
      parent.set(name, { size, layer });
    }
  });
  const wastedPaths = [...records].filter(([, record]) => record.wastedBytes > 0).map(([path16, record]) => ({ path: path16, wastedBytes: record.wastedBytes, layers: record.layers.size })).sort((a, b) => b.wastedBytes - a.wastedBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { wastedBytes: wastedPaths.reduce((sum2, p) => sum2 + p.wastedBytes, 0), wastedPaths };
}

// src/report/layers/analyse.ts
var GUNZIP_CHUNK_BYTES = 1024 * 1024;
var MAX_JSON_BYTES = 16 * 1024 * 1024;
var TOP_WASTED = 10;
var WHITEOUT = ".wh.";
var OPAQUE_WHITEOUT = ".wh..wh..opq";
async function analyseImageArchive(source) {
  const started = performance.now();
  const scans = /* @__PURE__ */ new Map();
  const jsonBlobs = /* @__PURE__ */ new Map();
  let wanted;
  const archive = import_tar_stream.default.extract();
  const feeding = writeAll(archive, source);
  try {
    for await (const entry of archive) {
      const name = normalizePath(entry.header.name);
      const size = entry.header.size ?? 0;
      if (entry.header.type !== "file" && entry.header.type !== "contiguous-file") {
        await drain(entry);
        continue;
      }
      if (wanted && !wanted.has(name)) {
        await drain(entry);
        continue;
      }
      const blob = await scanBlob(name, size, entry, jsonBlobs);
      if (blob) scans.set(name, blob);
      if (name === "manifest.json" && jsonBlobs.has(name)) {
        const manifest2 = parseManifest(jsonBlobs.get(name));
        wanted = new Set([...manifest2.Layers, manifest2.Config].map(normalizePath));
      }
    }
    await feeding;
  } catch (error) {
    archive.destroy();
    await feeding.catch(() => void 0);
    throw error;
  }
  const manifestText = jsonBlobs.get("manifest.json");
  if (manifestText === void 0) throw new Error("Not a `docker save` archive: manifest.json is missing.");
  const manifest = parseManifest(manifestText);
  const history = createdByPerLayer(jsonBlobs.get(normalizePath(manifest.Config)));
  const layers = manifest.Layers.map((layerPath, index) => {
    const scan = scans.get(normalizePath(layerPath));
    if (!scan) throw new Error(`The archive lacks layer ${layerPath} that manifest.json lists.`);
    const { digest, compressedBytes, bytes: bytes2, files, table: table2 } = scan;
    return { digest, compressedBytes, bytes: bytes2, files, createdBy: history[index] ?? "", table: table2 };
  });
  return summariseLayers(layers, {
    analysedBytes: sum([...scans.values()].map((scan) => scan.streamedBytes)),
    seconds: (performance.now() - started) / 1e3
  });
}
function summariseLayers(measured, run2) {
  const { wastedBytes, wastedPaths } = computeWaste(measured.map((layer) => layer.table));
  const layers = measured.map(({ digest, compressedBytes, bytes: bytes2, files, createdBy }) => ({
    digest,
    compressedBytes,
    bytes: bytes2,
    files,
    createdBy
  }));
  const totalBytes2 = sum(layers.map((layer) => layer.bytes));
  return {
    layers,
    measured,
    totalBytes: totalBytes2,
    compressedBytes: sum(layers.map((layer) => layer.compressedBytes)),
    wastedBytes,
    efficiency: totalBytes2 === 0 ? 1 : 1 - wastedBytes / totalBytes2,
    topWasted: wastedPaths.slice(0, TOP_WASTED),
    ...run2
  };
}
async function scanLayerBlob(source) {
  const { head, chunks } = await peek(source, 512);
  const format = blobFormat(head);
  if (format === "gzip" || format === "tar") return scanLayerTar(format === "gzip" ? gunzip(chunks) : chunks);
  await drain(chunks);
  return { streamedBytes: 0, bytes: 0, files: 0, table: emptyTable() };
}
async function scanBlob(name, size, entry, jsonBlobs) {
  const { head, chunks } = await peek(entry, 512);
  const format = blobFormat(head);
  if (format === "json" && size <= MAX_JSON_BYTES) {
    jsonBlobs.set(name, (await collect(chunks)).toString("utf8"));
    return void 0;
  }
  const named = /^blobs\/(\w+)\/([0-9a-f]+)$/.exec(name);
  const hash = named ? void 0 : createHash5("sha256");
  const counted = hash ? tee(chunks, (chunk) => hash.update(chunk)) : chunks;
  const digestOf2 = () => named ? `${named[1]}:${named[2]}` : `sha256:${hash.digest("hex")}`;
  if (format === "gzip" || format === "tar") {
    const scan = await scanLayerTar(format === "gzip" ? gunzip(counted) : counted);
    return { ...scan, digest: digestOf2(), compressedBytes: size };
  }
  await drain(counted);
  return {
    digest: digestOf2(),
    compressedBytes: size,
    streamedBytes: 0,
    bytes: 0,
    files: 0,
    table: emptyTable()
  };
}
function blobFormat(head) {
  if (head[0] === 31 && head[1] === 139) return "gzip";
  if (head.length >= 512) {
    if (head.toString("latin1", 257, 262) === "ustar") return "tar";
    if (head.every((byte) => byte === 0)) return "tar";
  }
  const first = head.toString("latin1").trimStart()[0];
  return first === "{" || first === "[" ? "json" : "opaque";
}
async function scanLayerTar(chunks) {
  let streamedBytes = 0;
  const table2 = emptyTable();
  let bytes2 = 0;
  let files = 0;
  const layer = import_tar_stream.default.extract();
  const feeding = writeAll(
    layer,
    tee(chunks, (chunk) => streamedBytes += chunk.length)
  );
  try {
    for await (const entry of layer) {
      const { type } = entry.header;
      const size = entry.header.size ?? 0;
      const path16 = normalizePath(entry.header.name);
      entry.resume();
      if (path16 === "") continue;
      const slash = path16.lastIndexOf("/");
      const base = path16.slice(slash + 1);
      if (base.startsWith(WHITEOUT)) {
        const directory = slash < 0 ? "" : path16.slice(0, slash);
        if (base === OPAQUE_WHITEOUT) table2.opaqueDirectories.push(directory);
        else if (!base.startsWith(`${WHITEOUT}${WHITEOUT}`))
          table2.whiteouts.push(
            directory === "" ? base.slice(WHITEOUT.length) : `${directory}/${base.slice(WHITEOUT.length)}`
          );
      } else if (type === "directory") {
        table2.directories.push(path16);
      } else if (type === "file" || type === "contiguous-file") {
        table2.files.set(path16, size);
        bytes2 += size;
        files += 1;
      } else {
        table2.files.set(path16, 0);
      }
    }
    await feeding;
  } catch (error) {
    layer.destroy();
    await feeding.catch(() => void 0);
    throw error;
  }
  return { streamedBytes, bytes: bytes2, files, table: table2 };
}
function gunzip(chunks) {
  const inflate = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  pipeline2(Readable.from(chunks), inflate, () => void 0);
  return inflate;
}
function writeAll(sink, chunks) {
  const closed = new Promise((resolve) => sink.once("close", () => resolve()));
  const writing = (async () => {
    try {
      for await (const chunk of chunks) {
        if (sink.destroyed) throw new Error("The archive reader stopped early.");
        if (!sink.write(chunk)) {
          await Promise.race([new Promise((resolve) => sink.once("drain", () => resolve())), closed]);
        }
      }
      sink.end();
    } catch (error) {
      sink.destroy(error);
      throw error;
    }
  })();
  writing.catch(() => void 0);
  return writing;
}
async function peek(chunks, bytes2) {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen = [];
  let length = 0;
  let done = false;
  while (length < bytes2) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    length += next.value.length;
  }
  async function* replay() {
    try {
      yield* seen;
      for (let next = done ? void 0 : await iterator.next(); next && !next.done; next = await iterator.next())
        yield next.value;
      done = true;
    } finally {
      if (!done) await iterator.return?.();
    }
  }
  return { head: Buffer.concat(seen).subarray(0, bytes2), chunks: replay() };
}
async function* tee(chunks, observe) {
  for await (const chunk of chunks) {
    observe(chunk);
    yield chunk;
  }
}
async function collect(chunks) {
  const parts = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}
async function drain(chunks) {
  for await (const _ of chunks) void _;
}
function parseManifest(text) {
  const parsed = JSON.parse(text);
  const first = Array.isArray(parsed) ? parsed[0] : void 0;
  if (!first || typeof first.Config !== "string" || !Array.isArray(first.Layers))
    throw new Error('manifest.json does not describe an image (expected [{"Config": \u2026, "Layers": [\u2026]}]).');
  return { Config: first.Config, Layers: first.Layers };
}
function createdByPerLayer(configText) {
  if (configText === void 0) return [];
  const config = JSON.parse(configText);
  return (config.history ?? []).filter((step) => !step.empty_layer).map((step) => step.created_by ?? "");
}
function normalizePath(path16) {
  let normalized = path16;
  while (normalized.startsWith("./") || normalized.startsWith("/"))
    normalized = normalized.slice(normalized.startsWith("/") ? 1 : 2);
  while (normalized.endsWith("/")) normalized = normalized.slice(0, -1);
  return normalized === "." ? "" : normalized;
}
function emptyTable() {
  return { files: /* @__PURE__ */ new Map(), directories: [], whiteouts: [], opaqueDirectories: [] };
}
function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}

// src/report/layers/docker-save.ts
var MAX_STDERR_CHARS = 8 * 1024;
async function analyseImage(image) {
  const docker = spawn("docker", ["save", image], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  docker.stderr.setEncoding("utf8");
  docker.stderr.on("data", (text) => {
    if (stderr.length < MAX_STDERR_CHARS) stderr += text;
  });
  const exited = new Promise((resolve) => {
    docker.once("error", (spawnError) => resolve({ code: null, spawnError }));
    docker.once("close", (code2) => resolve({ code: code2 }));
  });
  const failure = async () => {
    const { code: code2, spawnError } = await exited;
    if (spawnError)
      return new Error(`Could not run \`docker save ${image}\`: ${spawnError.message}`, {
        cause: spawnError
      });
    if (code2 === 0) return void 0;
    const message2 = stderr.trim() || "no message from docker";
    return new Error(`\`docker save ${image}\` failed (exit code ${code2}): ${message2}`);
  };
  let analysis;
  try {
    analysis = await analyseImageArchive(docker.stdout);
  } catch (error2) {
    if (docker.stdout.readableEnded) throw await failure() ?? error2;
    docker.kill();
    throw error2;
  }
  const error = await failure();
  if (error) throw error;
  return analysis;
}

// src/report/layers/oci-layout.ts
import { createReadStream as createReadStream2 } from "node:fs";
import { mkdir as mkdir5, readFile as readFile7, stat as stat5, writeFile as writeFile3 } from "node:fs/promises";
import path11 from "node:path";
var DIGEST2 = /^sha256:([0-9a-f]{64})$/;
var INDEX = "application/vnd.oci.image.index.v1+json";
var DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
var READ_CHUNK_BYTES = 1024 * 1024;
async function analyseViaLayout(directory, exportLayout, known) {
  const started = performance.now();
  const blobs = path11.join(directory, "blobs", "sha256");
  await mkdir5(blobs, { recursive: true });
  const placeholders = /* @__PURE__ */ new Set();
  for (const digest of known.keys()) {
    const hex = DIGEST2.exec(digest)?.[1];
    if (!hex) continue;
    await writeFile3(path11.join(blobs, hex), "");
    placeholders.add(digest);
  }
  await exportLayout(directory);
  const blobPath = (digest) => {
    const hex = DIGEST2.exec(digest)?.[1];
    if (!hex) throw new Error(`The layout names a blob by an unexpected digest: ${digest}`);
    return path11.join(blobs, hex);
  };
  const readJson = async (file) => JSON.parse(await readFile7(file, "utf8"));
  const manifestDescriptor = await imageManifestOf(
    await readJson(path11.join(directory, "index.json")),
    (digest) => readJson(blobPath(digest))
  );
  const manifest = await readJson(blobPath(manifestDescriptor.digest));
  const config = await readJson(blobPath(manifest.config.digest));
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length)
    throw new Error("The exported image config and manifest disagree on the number of layers.");
  const history = (config.history ?? []).filter((step) => !step.empty_layer);
  let analysedBytes = 0;
  let layersRead = 0;
  const layers = [];
  for (const [index, descriptor] of manifest.layers.entries()) {
    const createdBy = history[index]?.created_by ?? "";
    const file = blobPath(descriptor.digest);
    const knownLayer = known.get(descriptor.digest);
    if (knownLayer && placeholders.has(descriptor.digest) && (await stat5(file)).size === 0) {
      layers.push({ ...knownLayer, createdBy });
      continue;
    }
    const scan = await scanLayerBlob(createReadStream2(file, { highWaterMark: READ_CHUNK_BYTES }));
    analysedBytes += scan.streamedBytes;
    layersRead += 1;
    layers.push({
      digest: descriptor.digest,
      compressedBytes: descriptor.size ?? (await stat5(file)).size,
      bytes: scan.bytes,
      files: scan.files,
      createdBy,
      table: scan.table
    });
  }
  const analysis = summariseLayers(layers, {
    analysedBytes,
    seconds: (performance.now() - started) / 1e3
  });
  return { ...analysis, diffIds, layersRead };
}
async function imageManifestOf(index, readIndex, depth = 0) {
  const images = [];
  for (const descriptor of index.manifests ?? []) {
    if (descriptor.mediaType === INDEX || descriptor.mediaType === DOCKER_LIST) {
      if (depth < 2)
        images.push(await imageManifestOf(await readIndex(descriptor.digest), readIndex, depth + 1));
    } else if (descriptor.annotations?.["vnd.docker.reference.type"] !== "attestation-manifest" && descriptor.platform?.os !== "unknown") {
      images.push(descriptor);
    }
  }
  if (images.length !== 1)
    throw new Error(`Expected one image in the exported layout, found ${images.length}.`);
  return images[0];
}

// src/report/measure.ts
async function measureImageSize(request, warn) {
  const { imageId, previous, known } = request;
  if (!imageId) return void 0;
  try {
    const layerIds = await imageLayerIds(imageId) ?? [];
    if (previous && layerIds.length > 0 && previous.layerIds?.join() === layerIds.join()) {
      info("The image has the same layers as the last report: its measurements are reused.");
      const carried = previous.layers.map((layer) => known.get(layer.digest));
      return {
        size: { ...previous, analysisSeconds: 0 },
        layers: carried.every((layer) => layer !== void 0) ? carried : []
      };
    }
    const analysis = (request.exportLayout && await measureFromLayout(request, layerIds)) ?? await analyseImage(imageId);
    return {
      size: {
        bytes: analysis.totalBytes,
        compressedBytes: analysis.compressedBytes,
        wastedBytes: analysis.wastedBytes,
        efficiency: analysis.efficiency,
        layers: analysis.layers.map((layer) => ({
          digest: layer.digest,
          bytes: layer.bytes,
          compressedBytes: layer.compressedBytes,
          createdBy: layer.createdBy
        })),
        layerIds,
        topWasted: analysis.topWasted,
        analysisSeconds: analysis.seconds
      },
      layers: analysis.measured.map(({ createdBy: _, ...layer }) => layer)
    };
  } catch (error) {
    warn(`The image could not be measured, so the report has no sizes: ${error.message}`);
    return void 0;
  }
}
async function measureFromLayout(request, layerIds) {
  const directory = path12.join(request.scratch, "layout");
  try {
    const analysis = await analyseViaLayout(directory, request.exportLayout, request.known);
    if (layerIds.length > 0 && analysis.diffIds.join() !== layerIds.join())
      throw new Error("the exported layers differ from the loaded image");
    info(
      `Measured the image from an OCI layout export: read ${analysis.layersRead} of ${analysis.layers.length} layers, the rest were measured by an earlier run.`
    );
    return analysis;
  } catch (error) {
    info(`Measuring with docker save instead of a layout export: ${error.message}`);
    return void 0;
  } finally {
    await rm6(directory, { recursive: true, force: true });
  }
}

// src/report/publish.ts
import { writeFile as writeFile4 } from "node:fs/promises";

// node_modules/@octokit/plugin-retry/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION2 = "0.0.0-development";
function isRequestError(error) {
  return error.request !== void 0;
}
async function errorRequest(state, octokit, error, options) {
  if (!isRequestError(error) || !error?.request.request) {
    throw error;
  }
  if (error.status >= 400 && !state.doNotRetry.includes(error.status)) {
    const retries = options.request.retries != null ? options.request.retries : state.retries;
    const retryAfter = Math.pow((options.request.retryCount || 0) + 1, 2);
    throw octokit.retry.retryRequest(error, retries, retryAfter);
  }
  throw error;
}
async function wrapRequest(state, octokit, request, options) {
  const limiter = new import_light.default();
  limiter.on("failed", function(error, info2) {
    const maxRetries = ~~error.request.request?.retries;
    const after = ~~error.request.request?.retryAfter;
    options.request.retryCount = info2.retryCount + 1;
    if (maxRetries > info2.retryCount) {
      return after * state.retryAfterBaseValue;
    }
  });
  return limiter.schedule(
    requestWithGraphqlErrorHandling.bind(null, state, octokit, request),
    options
  );
}
async function requestWithGraphqlErrorHandling(state, octokit, request, options) {
  const response = await request(options);
  if (response.data && response.data.errors && response.data.errors.length > 0 && /Something went wrong while executing your query/.test(
    response.data.errors[0].message
  )) {
    const error = new RequestError(response.data.errors[0].message, 500, {
      request: options,
      response
    });
    return errorRequest(state, octokit, error, options);
  }
  return response;
}
function retry(octokit, octokitOptions) {
  const state = Object.assign(
    {
      enabled: true,
      retryAfterBaseValue: 1e3,
      doNotRetry: [400, 401, 403, 404, 410, 422, 451],
      retries: 3
    },
    octokitOptions.retry
  );
  const retryPlugin = {
    retry: {
      retryRequest: (error, retries, retryAfter) => {
        error.request.request = Object.assign({}, error.request.request, {
          retries,
          retryAfter
        });
        return error;
      }
    }
  };
  if (state.enabled) {
    octokit.hook.error("request", errorRequest.bind(null, state, retryPlugin));
    octokit.hook.wrap("request", wrapRequest.bind(null, state, retryPlugin));
  }
  return retryPlugin;
}
retry.VERSION = VERSION2;

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light2 = __toESM(require_light(), 1);
var VERSION3 = "0.0.0-development";
var noop = () => Promise.resolve();
function wrapRequest2(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path16) => path16.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck2, common) {
  groups.global = new Bottleneck2.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck2.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck2.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck2.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck2.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck: Bottleneck2 = import_light2.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck2, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck2();
    const events = {};
    const emitter = new Bottleneck2.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info2) {
      const [state2, request, options] = info2.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest2(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION3;
throttling.triggersNotification = triggersNotification;

// src/github/comment.ts
function createOctokit(token) {
  return getOctokit(
    token,
    {
      retry: { doNotRetry: [400, 401, 403, 404, 422] },
      throttle: {
        onRateLimit: (retryAfter, _options, _octokit, retryCount) => retryCount < 2 && retryAfter <= 60,
        onSecondaryRateLimit: (retryAfter, _options, _octokit, retryCount) => retryCount < 2 && retryAfter <= 60
      }
    },
    retry,
    throttling
  );
}
async function upsertStickyComment(octokit, target, marker, body) {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  });
  const existing = comments.find((c) => c.body?.includes(marker));
  if (existing) {
    await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body
    });
    return { action: "updated", id: existing.id };
  }
  const created = await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    body
  });
  return { action: "created", id: created.data.id };
}
async function postReportComment(token, target, marker, body) {
  try {
    const result = await upsertStickyComment(createOctokit(token), target, marker, body);
    info(`Report comment ${result.action} (id ${result.id}).`);
    return result;
  } catch (error) {
    const status = error.status;
    const hint = status === 403 || status === 404 ? " The token cannot write to this pull request (a fork, or missing `pull-requests: write` permission)." : "";
    warning(
      `Could not post the report comment: ${error.message}.${hint} The job summary has the report.`
    );
    return void 0;
  }
}

// src/report/compare.ts
function delta(base, current) {
  const change = base === void 0 || current === void 0 ? void 0 : current - base;
  const ratio = change === void 0 || !base ? void 0 : change / base;
  return { base, current, change, ratio };
}
function compareReports(current, base) {
  return {
    size: delta(base?.size?.bytes, current.size?.bytes),
    compressedSize: delta(base?.size?.compressedBytes, current.size?.compressedBytes),
    buildSeconds: delta(base?.build.seconds, current.build.seconds),
    cachedSteps: delta(base?.build.cachedSteps, current.build.cachedSteps),
    wastedBytes: delta(base?.size?.wastedBytes, current.size?.wastedBytes)
  };
}
function evaluateGates(current, comparison, limits) {
  const failures = [];
  const size = current.size?.bytes;
  if (limits.sizeBudget !== void 0 && size !== void 0 && size > limits.sizeBudget) {
    failures.push(
      `The image is ${formatBytes(size)}, over the size budget of ${formatBytes(limits.sizeBudget)}.`
    );
  }
  const growth = comparison.size.change;
  const limit = limits.maxSizeIncrease;
  if (limit && growth !== void 0 && growth > 0) {
    if ("percent" in limit && comparison.size.ratio !== void 0 && comparison.size.ratio * 100 > limit.percent) {
      failures.push(
        `The image grew by ${formatBytes(growth)} (${(comparison.size.ratio * 100).toFixed(1)}%) against the base branch, more than the allowed ${limit.percent}%.`
      );
    } else if ("bytes" in limit && growth > limit.bytes) {
      failures.push(
        `The image grew by ${formatBytes(growth)} against the base branch, more than the allowed ${formatBytes(limit.bytes)}.`
      );
    }
  }
  return failures;
}

// src/report/markdown.ts
var ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "|": "&#124;",
  "`": "&#96;",
  "*": "&#42;",
  _: "&#95;",
  "[": "&#91;",
  "]": "&#93;",
  "\\": "&#92;",
  // An escaped @ cannot mention anyone, and an escaped # cannot link an issue.
  "@": "&#64;",
  "#": "&#35;"
};
function escapeMarkdown(text) {
  return text.replace(/\r?\n|\r/g, " ").replace(/[&<>"|`*_[\]\\@#]/g, (ch) => ENTITIES[ch] ?? ch);
}
function code(text) {
  return `<code>${escapeMarkdown(text)}</code>`;
}
function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

// src/report/render.ts
var WORSE = "\u26A0\uFE0F";
var MAX_LAYERS = 10;
function renderReport(report, options) {
  const { base, comparison } = options;
  const subject = report.image.tags[0] ?? report.image.name;
  const parts = [];
  if (options.marker) parts.push(options.marker);
  parts.push(
    `### docker-fast-build: ${subject ? code(subject) : "image"} ${report.build.succeeded ? "" : "(build failed)"}`.trim(),
    ""
  );
  for (const failure of options.gateFailures) parts.push(`> [!CAUTION]
> ${escapeMarkdown(failure)}`, "");
  parts.push(summaryTable(report, base, comparison), "");
  if (!base) {
    parts.push(
      report.git.pullRequest !== void 0 ? `_No base report for ${code(report.git.baseBranch || "the base branch")} yet: the comparison appears once a push to it has run this action._` : `_This run is the base for pull requests into ${code(report.git.branch)}._`,
      ""
    );
  } else {
    parts.push(
      `<sub>Base: ${code(base.git.branch)} at ${code(base.git.sha.slice(0, 7) || "unknown")}, ${escapeMarkdown(base.createdAt)}</sub>`,
      ""
    );
  }
  if (report.size) {
    parts.push(
      details(
        `Largest layers (${report.size.layers.length} in all)`,
        layersTable(report.size.layers, base?.size?.layers)
      )
    );
    parts.push(
      details(
        `Wasted bytes: ${formatBytes(report.size.wastedBytes)} (efficiency ${(report.size.efficiency * 100).toFixed(1)}%)`,
        report.size.topWasted.length > 0 ? table(
          ["Path", "Wasted", "Layers"],
          report.size.topWasted.map((w) => [code(w.path), formatBytes(w.wastedBytes), String(w.layers)])
        ) : "No file is overwritten or deleted in a later layer."
      )
    );
  }
  if (report.advice.length > 0) {
    parts.push(
      details(
        `Advice (${report.advice.length})`,
        table(
          ["Where", "Rule", "What", "Fix", "At stake"],
          report.advice.map((a) => [
            code(`${a.file}:${a.line}`),
            code(a.rule),
            escapeMarkdown(a.message),
            escapeMarkdown(a.fix),
            a.bytesAtStake ? formatBytes(a.bytesAtStake) : ""
          ])
        )
      )
    );
  }
  if (report.dependencyCache.mounts.length > 0)
    parts.push(details("Dependency caches", dependencyCacheSection(report)));
  parts.push(details("Layer cache", layerCacheSection(report)));
  if (report.warnings.length > 0) {
    parts.push(
      details(
        `Warnings (${report.warnings.length})`,
        report.warnings.map((w) => `- ${escapeMarkdown(w)}`).join("\n")
      )
    );
  }
  return `${parts.join("\n").trimEnd()}
`;
}
function summaryTable(report, base, comparison) {
  const baseHeader = base ? `${code(base.git.branch)} (base)` : "base";
  const currentHeader = report.git.pullRequest !== void 0 ? "this PR" : code(report.git.branch);
  const steps = (r) => r ? `${r.build.cachedSteps} / ${r.build.totalSteps}` : "\u2014";
  const rows = [
    [
      "Image size",
      bytes(comparison.size.base),
      bytes(comparison.size.current),
      bytesDelta(comparison.size, true)
    ],
    [
      "Compressed",
      bytes(comparison.compressedSize.base),
      bytes(comparison.compressedSize.current),
      bytesDelta(comparison.compressedSize, true)
    ],
    [
      "Build time",
      seconds(comparison.buildSeconds.base),
      seconds(comparison.buildSeconds.current),
      secondsDelta(comparison.buildSeconds)
    ],
    ["Cached steps", steps(base), steps(report), countDelta(comparison.cachedSteps)],
    ["Dependency cache", base?.dependencyCache.status ?? "\u2014", report.dependencyCache.status, ""],
    [
      "Wasted bytes",
      bytes(comparison.wastedBytes.base),
      bytes(comparison.wastedBytes.current),
      bytesDelta(comparison.wastedBytes, false)
    ]
  ];
  return table(["", baseHeader, currentHeader, "\u0394"], rows);
}
function bytes(value) {
  return value === void 0 ? "\u2014" : formatBytes(value);
}
function seconds(value) {
  return value === void 0 ? "\u2014" : `${value.toFixed(1)} s`;
}
function signed(text, change) {
  return change > 0 ? `+${text}` : change < 0 ? `\u2212${text.replace(/^-/, "")}` : text;
}
function bytesDelta(d, withPercent) {
  if (d.change === void 0) return "";
  if (d.change === 0) return "0";
  const percent = withPercent && d.ratio !== void 0 ? ` (${signed(`${Math.abs(d.ratio * 100).toFixed(1)}%`, d.change)})` : "";
  const worse = d.change > 0 && (d.ratio === void 0 || !withPercent || d.ratio > 0.01);
  return `${signed(formatBytes(Math.abs(d.change)), d.change)}${percent}${worse ? ` ${WORSE}` : ""}`;
}
function secondsDelta(d) {
  if (d.change === void 0) return "";
  const worse = d.change > 5 && (d.ratio ?? 1) > 0.1;
  return `${signed(`${Math.abs(d.change).toFixed(1)} s`, d.change)}${worse ? ` ${WORSE}` : ""}`;
}
function countDelta(d) {
  if (d.change === void 0 || d.change === 0) return d.change === 0 ? "0" : "";
  return `${signed(String(Math.abs(d.change)), d.change)}${d.change < 0 ? ` ${WORSE}` : ""}`;
}
function layersTable(layers, baseLayers) {
  const baseByInstruction = new Map((baseLayers ?? []).map((l) => [l.createdBy, l.bytes]));
  const rows = layers.map((layer, index) => ({ layer, index })).sort((a, b) => b.layer.bytes - a.layer.bytes).slice(0, MAX_LAYERS).map(({ layer, index }) => {
    const before = baseByInstruction.get(layer.createdBy);
    const change = !baseLayers ? "" : before === void 0 ? "new" : bytesDelta(
      {
        base: before,
        current: layer.bytes,
        change: layer.bytes - before,
        ratio: before ? (layer.bytes - before) / before : void 0
      },
      false
    );
    return [
      String(index + 1),
      formatBytes(layer.bytes),
      change,
      code(shorten(layer.createdBy || "(unknown)", 120))
    ];
  });
  return table(["#", "Size", "\u0394", "Instruction"], rows);
}
function dependencyCacheSection(report) {
  const { seconds: s } = report.dependencyCache;
  const rows = report.dependencyCache.mounts.map((m) => [
    code(m.target),
    m.kind,
    m.status,
    m.restoreSkipped ? "not needed: steps in layer cache" : m.restoredBytes ? formatBytes(m.restoredBytes) : "\u2014",
    m.savedKey ? formatBytes(m.savedBytes) : "not saved",
    m.prunedFiles ? `${m.prunedFiles} files, ${formatBytes(m.prunedBytes)}` : "\u2014"
  ]);
  return [
    table(["Cache mount", "Kind", "Restore", "Restored", "Saved", "Pruned"], rows),
    "",
    `Restore ${s.restore.toFixed(1)} s \xB7 inject ${s.inject.toFixed(1)} s \xB7 extract ${s.extract.toFixed(1)} s \xB7 save ${s.save.toFixed(1)} s`
  ].join("\n");
}
function layerCacheSection(report) {
  const { layerCache } = report;
  return [
    `Kind: ${layerCache.kind}`,
    `Read: ${layerCache.readRefs.map(code).join(", ") || "\u2014"}`,
    `Written: ${layerCache.writeRef ? code(layerCache.writeRef) : "\u2014"}`
  ].join("<br>\n");
}
function details(summary2, body) {
  return `<details><summary>${summary2}</summary>

${body}

</details>
`;
}
function shorten(text, max) {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}\u2026` : oneLine;
}

// src/report/publish.ts
function commentMarker(image, workflow) {
  const safe = (text) => text.replace(/[^A-Za-z0-9_./-]+/g, "_");
  return `<!-- docker-fast-build:report image=${safe(imageSlug(image))} workflow=${safe(workflow)} -->`;
}
function shouldComment(mode, run2) {
  if (mode === "off" || run2.pullRequestNumber === void 0) return false;
  return mode === "always" || !run2.isForkPullRequest;
}
async function publishReport(context2) {
  const { inputs, run: run2, report, base } = context2;
  const shownBase = run2.pullRequestNumber === void 0 ? void 0 : base;
  const comparison = compareReports(report, shownBase);
  const gateFailures = evaluateGates(report, comparison, {
    sizeBudget: inputs.sizeBudget,
    maxSizeIncrease: inputs.maxSizeIncrease
  });
  await writeFile4(
    context2.reportFile,
    `${JSON.stringify({ ...report, base: base ? summaryOf(base) : null }, null, 2)}
`
  );
  setReportOutputs(report, comparison, context2.reportFile);
  const body = renderReport(report, { base: shownBase, comparison, gateFailures });
  await writeSummary(body);
  if (shouldComment(inputs.comment, run2) && run2.pullRequestNumber !== void 0) {
    const [owner = "", repo = ""] = run2.repository.split("/");
    if (!inputs.githubToken) {
      warning("No github-token: the report comment is skipped; the job summary has the report.");
    } else {
      const marker = commentMarker(report.image.name, process.env.GITHUB_WORKFLOW ?? "");
      const commentBody = renderReport(report, { base: shownBase, comparison, gateFailures, marker });
      await postReportComment(
        inputs.githubToken,
        { owner, repo, issueNumber: run2.pullRequestNumber },
        marker,
        commentBody
      );
    }
  }
  if (run2.pullRequestNumber === void 0 && report.build.succeeded) await saveAsBase(context2);
  return gateFailures;
}
async function loadBaseReport(store, run2, defaultBranch) {
  if (!store) return void 0;
  const branch = run2.pullRequestNumber === void 0 ? run2.branch : run2.baseBranch || defaultBranch || run2.defaultBranch;
  if (!branch) return void 0;
  try {
    return await store.load(branch);
  } catch (error) {
    warning(`Could not load the last report of ${branch}: ${error.message}`);
    return void 0;
  }
}
async function saveAsBase(context2) {
  if (!context2.baseStore) return;
  try {
    await context2.baseStore.save(context2.report, context2.runStamp, context2.measuredLayers);
  } catch (error) {
    warning(
      `Could not keep this report for pull requests to compare against: ${error.message}`
    );
  }
}
function summaryOf(base) {
  return {
    branch: base.git.branch,
    sha: base.git.sha,
    createdAt: base.createdAt,
    sizeBytes: base.size?.bytes,
    compressedBytes: base.size?.compressedBytes,
    buildSeconds: base.build.seconds
  };
}
function setReportOutputs(report, comparison, reportFile) {
  setOutput(Output.Size, report.size?.bytes ?? "");
  setOutput(Output.CompressedSize, report.size?.compressedBytes ?? "");
  setOutput(Output.SizeDelta, comparison.size.change ?? "");
  setOutput(Output.Efficiency, report.size ? report.size.efficiency.toFixed(4) : "");
  setOutput(Output.WastedBytes, report.size?.wastedBytes ?? "");
  setOutput(Output.Report, reportFile);
}
async function writeSummary(markdown) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await summary.addRaw(markdown, true).write();
  } catch (error) {
    warning(`Could not write the job summary: ${error.message}`);
  }
}

// node_modules/@docker/actions-toolkit/lib/buildx/build.js
import fs from "fs";
import path13 from "path";
var Build = class _Build {
  buildx;
  iidFilename;
  metadataFilename;
  constructor(opts) {
    this.buildx = opts?.buildx || new Buildx();
    this.iidFilename = `build-iidfile-${Util.generateRandomString()}.txt`;
    this.metadataFilename = `build-metadata-${Util.generateRandomString()}.json`;
  }
  async gitContext(opts) {
    const gitContextCommonAttrs = /* @__PURE__ */ new Set(["ref", "checksum", "subdir"]);
    const commonAttrs = opts?.attrs || {};
    const extraAttrs = Object.entries(commonAttrs).filter(([name]) => !gitContextCommonAttrs.has(name));
    const fetchByCommit = Util.parseBoolOrDefault(commonAttrs["fetch-by-commit"]);
    let ref = opts?.ref || commonAttrs.ref || context.ref;
    if (!ref.startsWith("refs/")) {
      ref = `refs/heads/${ref}`;
    } else if (ref.startsWith(`refs/pull/`) && Util.parseBoolOrDefault(process.env.DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF)) {
      ref = ref.replace(/\/merge$/g, "/head");
    }
    const baseURL = `${GitHub.serverURL}/${context.repo.owner}/${context.repo.repo}.git`;
    const explicitChecksum = opts?.checksum || commonAttrs.checksum;
    const subdir = opts?.subdir || commonAttrs.subdir;
    let format = opts?.format;
    if (!format) {
      format = "fragment";
      if (extraAttrs.length > 0) {
        format = "query";
      } else if (Util.parseBoolOrDefault(process.env.BUILDX_SEND_GIT_QUERY_AS_INPUT)) {
        try {
          if (await this.buildx.versionSatisfies(">=0.29.0")) {
            format = "query";
          }
        } catch {
        }
      }
    }
    let implicitRef = context.sha || ref;
    if (ref.startsWith(`refs/pull/`) && ref.endsWith("/head")) {
      implicitRef = typeof context.payload.pull_request?.head?.sha === "string" ? context.payload.pull_request.head.sha : ref;
    }
    const pinnedRef = explicitChecksum || implicitRef;
    if (format === "query") {
      const query = [`ref=${fetchByCommit || explicitChecksum ? ref : pinnedRef}`];
      const queryChecksum = fetchByCommit ? pinnedRef : explicitChecksum;
      if (queryChecksum) {
        query.push(`checksum=${queryChecksum}`);
      }
      if (subdir && subdir !== ".") {
        query.push(`subdir=${subdir}`);
      }
      for (const [name, value] of extraAttrs) {
        query.push(`${name}=${value}`);
      }
      return `${baseURL}?${query.join("&")}`;
    }
    return `${baseURL}#${pinnedRef}${subdir && subdir !== "." ? `:${subdir}` : ""}`;
  }
  getImageIDFilePath() {
    return path13.join(Context.tmpDir(), this.iidFilename);
  }
  resolveImageID() {
    const iidFile = this.getImageIDFilePath();
    if (!fs.existsSync(iidFile)) {
      return void 0;
    }
    return fs.readFileSync(iidFile, { encoding: "utf-8" }).trim();
  }
  getMetadataFilePath() {
    return path13.join(Context.tmpDir(), this.metadataFilename);
  }
  resolveMetadata() {
    const metadataFile = this.getMetadataFilePath();
    if (!fs.existsSync(metadataFile)) {
      return void 0;
    }
    const content = fs.readFileSync(metadataFile, { encoding: "utf-8" }).trim();
    if (content === "null") {
      return void 0;
    }
    return JSON.parse(content);
  }
  resolveRef(metadata) {
    if (!metadata) {
      metadata = this.resolveMetadata();
      if (!metadata) {
        return void 0;
      }
    }
    if ("buildx.build.ref" in metadata) {
      return metadata["buildx.build.ref"];
    }
    return void 0;
  }
  resolveProvenance(metadata) {
    if (!metadata) {
      metadata = this.resolveMetadata();
      if (!metadata) {
        return void 0;
      }
    }
    if ("buildx.build.provenance" in metadata) {
      return metadata["buildx.build.provenance"];
    }
    return void 0;
  }
  resolveWarnings(metadata) {
    if (!metadata) {
      metadata = this.resolveMetadata();
      if (!metadata) {
        return void 0;
      }
    }
    if ("buildx.build.warnings" in metadata) {
      return metadata["buildx.build.warnings"];
    }
    return void 0;
  }
  resolveDigest(metadata) {
    if (!metadata) {
      metadata = this.resolveMetadata();
      if (!metadata) {
        return void 0;
      }
    }
    if ("containerimage.digest" in metadata) {
      return metadata["containerimage.digest"];
    }
    return void 0;
  }
  static resolveSecretString(kvp) {
    const [key, file] = _Build.resolveSecret(kvp, {
      redact: true
    });
    return `id=${key},src=${file}`;
  }
  static resolveSecretFile(kvp) {
    const [key, file] = _Build.resolveSecret(kvp, {
      asFile: true
    });
    return `id=${key},src=${file}`;
  }
  static resolveSecretEnv(kvp) {
    const [key, value] = _Build.parseSecretKvp(kvp);
    return `id=${key},env=${value}`;
  }
  static resolveSecret(kvp, opts) {
    const [key, value] = _Build.parseSecretKvp(kvp, opts?.redact);
    if (opts?.asFile) {
      if (!fs.existsSync(value)) {
        throw new Error(`secret file ${value} not found`);
      }
      return [key, value];
    }
    const secretFile = Context.tmpName({ tmpdir: Context.tmpDir() });
    fs.writeFileSync(secretFile, value);
    return [key, secretFile];
  }
  static getProvenanceInput(name) {
    const input = getInput(name);
    if (!input) {
      return input;
    }
    try {
      return getBooleanInput(name) ? `builder-id=${GitHub.workflowRunURL(true)}` : "false";
    } catch {
      return _Build.resolveProvenanceAttrs(input);
    }
  }
  static resolveProvenanceAttrs(input) {
    if (!input) {
      return `builder-id=${GitHub.workflowRunURL(true)}`;
    }
    const fields = parse(input, {
      relaxColumnCount: true,
      skipEmptyLines: true
    })[0];
    for (const field of fields) {
      const parts = field.toString().split(/(?<=^[^=]+?)=/).map((item) => item.trim());
      if (parts[0] == "builder-id") {
        return input;
      }
    }
    return `${input},builder-id=${GitHub.workflowRunURL(true)}`;
  }
  static resolveCacheToAttrs(input, githubToken) {
    if (!input) {
      return input;
    }
    let cacheType = "registry";
    let ghaCacheRepository = "";
    let ghaCacheGHToken = "";
    const fields = parse(input, {
      relaxColumnCount: true,
      skipEmptyLines: true
    })[0];
    for (const field of fields) {
      const parts = field.toString().split(/(?<=^[^=]+?)=/).map((item) => item.trim());
      if (parts[0] === "type") {
        cacheType = parts[1];
      } else if (parts[0] === "repository") {
        ghaCacheRepository = parts[1];
      } else if (parts[0] === "ghtoken") {
        ghaCacheGHToken = parts[1];
      }
    }
    if (cacheType === "gha") {
      if (!ghaCacheRepository) {
        input = `${input},repository=${GitHub.repository}`;
      }
      if (!ghaCacheGHToken && githubToken) {
        input = `${input},ghtoken=${githubToken}`;
      }
    }
    return input;
  }
  static hasLocalExporter(exporters) {
    return _Build.hasExporterType("local", exporters);
  }
  static hasTarExporter(exporters) {
    return _Build.hasExporterType("tar", exporters);
  }
  static hasDockerExporter(exporters, load) {
    return load || _Build.hasExporterType("docker", exporters);
  }
  static hasExporterType(name, exporters) {
    const records = parse(exporters.join(`
`), {
      delimiter: ",",
      trim: true,
      columns: false,
      relaxColumnCount: true
    });
    for (const record of records) {
      if (record.length == 1 && !record[0].startsWith("type=")) {
        return name == "local";
      }
      for (const [key, value] of record.map((chunk) => chunk.split("=").map((item) => item.trim()))) {
        if (key == "type" && value == name) {
          return true;
        }
      }
    }
    return false;
  }
  static hasAttestationType(name, attrs) {
    const records = parse(attrs, {
      delimiter: ",",
      trim: true,
      columns: false,
      relaxColumnCount: true
    });
    for (const record of records) {
      for (const [key, value] of record.map((chunk) => chunk.split("=").map((item) => item.trim()))) {
        if (key == "type" && value == name) {
          return true;
        }
      }
    }
    return false;
  }
  static resolveAttestationAttrs(attrs) {
    const records = parse(attrs, {
      delimiter: ",",
      trim: true,
      columns: false,
      relaxColumnCount: true
    });
    const res = [];
    for (const record of records) {
      for (const attr of record) {
        try {
          const v = Util.parseBool(attr);
          res.push(`disabled=${!v}`);
        } catch {
          res.push(attr);
        }
      }
    }
    return res.join(",");
  }
  static hasGitAuthTokenSecret(secrets, domain) {
    for (const secret of secrets) {
      if (domain && secret.startsWith(`GIT_AUTH_TOKEN.${domain}=`)) {
        return true;
      } else if (secret.startsWith("GIT_AUTH_TOKEN=")) {
        return true;
      }
    }
    return false;
  }
  static parseSecretKvp(kvp, redact) {
    const delimiterIndex = kvp.indexOf("=");
    const key = kvp.substring(0, delimiterIndex);
    const value = kvp.substring(delimiterIndex + 1);
    if (key.length == 0 || value.length == 0) {
      throw new Error(`${kvp} is not a valid secret`);
    }
    if (redact) {
      setSecret(value);
    }
    return [key, value];
  }
};

// src/secrets.ts
function resolveSecretSpecs(secrets) {
  return secrets.map((line) => {
    const separator = line.indexOf("=");
    if (separator <= 0)
      throw new InputError(Input.Secrets, `expected lines of the form id=value; got a line without '='`);
    const value = line.slice(separator + 1);
    if (value) setSecret(value);
    return Build.resolveSecretString(line);
  });
}

// src/workspace.ts
import { existsSync, statSync } from "node:fs";
import path14 from "node:path";
function checkWorkspacePaths(inputs, workspace) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(inputs.context) || inputs.context.startsWith("git@")) return;
  const context2 = path14.resolve(workspace, inputs.context);
  const relative = path14.relative(path14.resolve(workspace), context2);
  if (relative.startsWith("..") || path14.isAbsolute(relative)) {
    throw new InputError(
      Input.Context,
      `expected a directory inside the workspace; '${inputs.context}' is outside it`
    );
  }
  if (!existsSync(context2) || !statSync(context2).isDirectory()) {
    throw new InputError(Input.Context, `expected a directory; '${inputs.context}' does not exist`);
  }
  const dockerfile = path14.resolve(workspace, dockerfilePath(inputs));
  if (!existsSync(dockerfile) || !statSync(dockerfile).isFile()) {
    throw new InputError(
      Input.File,
      `expected a Dockerfile at '${dockerfilePath(inputs)}'; it does not exist (set 'file' or 'context')`
    );
  }
}

// src/run-main.ts
async function runMain() {
  const inputs = parseInputs((name) => getInput(name));
  const run2 = readRunContext(process.env);
  checkWorkspacePaths(inputs, run2.workspace);
  const runStamp = `${run2.runId || Date.now()}.${process.env.GITHUB_RUN_ATTEMPT || "1"}`;
  const dependencyPlan = await planDependencyCacheForRun({
    inputs,
    workspace: run2.workspace,
    runStamp,
    runnerArch: process.env.RUNNER_ARCH || process.arch
  });
  const { backend, unavailable } = chooseBackend(inputs);
  const scratch = mkdtempSync(path15.join(process.env.RUNNER_TEMP || tmpdir3(), "docker-fast-build-"));
  const files = {
    metadataFile: path15.join(scratch, "metadata.json"),
    imageIdFile: path15.join(scratch, "iid"),
    secretSpecs: resolveSecretSpecs(inputs.secrets)
  };
  const plan = makePlan(inputs, {
    run: run2,
    newBuilderName: `dfb-${run2.runId || "local"}-${randomBytes2(3).toString("hex")}`,
    files
  });
  const warnings = [];
  const warn = (message2) => {
    warnings.push(message2);
    warning(message2);
  };
  info(
    `Layer cache (${plan.layerCache.kind}): read ${plan.layerCache.readRefs.join(", ") || "nothing"}; write ${plan.layerCache.writeRef ?? "nothing"}`
  );
  for (const target of dependencyPlan.unknownTargets) {
    warn(`dependency-cache names ${target}, but no RUN --mount=type=cache in the Dockerfile uses it`);
  }
  for (const { mount, reason } of dependencyPlan.skipped) {
    warn(`Cache mount ${mount.target} (line ${mount.line}) is not persisted: ${reason}`);
  }
  if (unavailable && dependencyPlan.mounts.length > 0)
    warn(`Dependency caches are not persisted: ${unavailable}`);
  const advice = inputs.advice ? await group(
    "Advice",
    () => adviseAndAnnotate(
      {
        workspace: run2.workspace,
        context: inputs.context,
        dockerfile: dockerfilePath(inputs),
        disabledRules: inputs.adviceIgnore
      },
      warn
    )
  ) : [];
  const buildx = createBuildxCli();
  await group(`Builder ${plan.builder.name} (${plan.builder.driver} driver)`, async () => {
    if (plan.builder.removeAfterRun) stateStore.save(State.BuilderToRemove, plan.builder.name);
    await prepareBuilder(buildx, plan.builder);
  });
  const dependencyCaches = backend && dependencyPlan.enabled && dependencyPlan.mounts.length > 0 ? startDependencyCacheSession(dependencyPlan, backend, buildx, plan.builder.name, scratch, warn) : void 0;
  const baseStore = backend ? new BaseReportStore(backend, reportImageName(inputs)) : void 0;
  const base = await loadBaseReport(baseStore, run2, inputs.defaultBranch);
  const knownLayers = base && baseStore ? await baseStore.loadedLayers() : /* @__PURE__ */ new Map();
  if (dependencyCaches) {
    const covered = mountsCoveredByLayerCache(
      base && coverageBaseOf(base),
      new Map(dependencyPlan.mounts.map((m) => [cacheMountId(m.mount), m.stepFingerprint])),
      plan.layerCache,
      inputs.cacheMode
    );
    await group(
      `Restore dependency caches (${backend?.name})`,
      () => dependencyCaches.restoreAndInject(covered)
    );
  }
  const build = await group(
    "Build",
    () => runBuild(buildx, { args: plan.buildArgs, ...files, print: (line) => info(line) })
  );
  dependencyCaches?.checkAgainstBuild(build.steps);
  const [, measurement] = await Promise.all([
    dependencyCaches ? group(
      "Save dependency caches",
      () => dependencyCaches.extractAndSave(build.succeeded, inputs.maxCacheSize)
    ) : void 0,
    measureIfBuilt({ build, plan, base, knownLayers, buildx, scratch }, warn)
  ]);
  const size = measurement?.size;
  const dependencyReport = dependencyCaches?.report() ?? {
    status: dependencyPlan.enabled && dependencyPlan.mounts.length > 0 ? "miss" : "off",
    mounts: [],
    seconds: { restore: 0, inject: 0, extract: 0, save: 0 }
  };
  for (const warning2 of describeCacheProblems(build, plan.layerCache)) warn(warning2);
  setBuildOutputs(build, plan, dependencyReport);
  info(
    `Built in ${build.seconds.toFixed(1)} s; ${build.cachedSteps} of ${build.totalSteps} steps from cache.`
  );
  const report = assembleReport({ inputs, run: run2, build, plan, dependencyReport, size, advice, warnings });
  const gateFailures = await publishReport({
    inputs,
    run: run2,
    report,
    base,
    reportFile: path15.join(scratch, "report.json"),
    baseStore,
    runStamp,
    measuredLayers: measurement?.layers
  });
  if (!build.succeeded) throw new Error(`The build failed: ${build.error}`);
  if (gateFailures.length > 0) throw new Error(gateFailures.join(" "));
}
async function measureIfBuilt(facts, warn) {
  const { build, plan } = facts;
  if (!build.succeeded || !plan.imageIsLocal) return void 0;
  const exportLayout = plan.builder.driver === "docker" || plan.builder.driver === "docker-container" ? async (directory) => {
    const result = await facts.buildx.run(planLayoutExportArgs(plan.buildArgs, directory));
    if (result.exitCode !== 0)
      throw new Error(
        `the layout export failed: ${result.stderr.trim().split("\n").slice(-3).join(" ")}`
      );
  } : void 0;
  const measurement = await measureImageSize(
    {
      imageId: build.imageId,
      previous: facts.base?.size,
      known: facts.knownLayers,
      exportLayout,
      scratch: facts.scratch
    },
    warn
  );
  if (measurement && measurement.size.analysisSeconds > 0)
    info(`Measured the image in ${measurement.size.analysisSeconds.toFixed(1)} s.`);
  return measurement;
}
function coverageBaseOf(base) {
  return {
    succeeded: base.build.succeeded,
    writeRef: base.layerCache.writeRef,
    layerCacheExported: base.layerCache.exported === true,
    mounts: base.dependencyCache.mounts.map((m) => ({
      mountId: m.mountId ?? m.target,
      fingerprint: m.fingerprint
    }))
  };
}
function reportImageName(inputs) {
  return inputs.image || inputs.tags[0]?.replace(/:[^/:]*$/, "") || "";
}
function assembleReport(parts) {
  const { inputs, run: run2, build, plan } = parts;
  return {
    schema: REPORT_SCHEMA,
    createdAt: (/* @__PURE__ */ new Date()).toISOString(),
    image: {
      name: reportImageName(inputs),
      tags: inputs.tags,
      digest: build.digest,
      imageId: build.imageId
    },
    git: {
      repository: run2.repository,
      event: run2.eventName,
      branch: run2.branch,
      baseBranch: run2.baseBranch,
      sha: run2.sha,
      pullRequest: run2.pullRequestNumber
    },
    build: {
      succeeded: build.succeeded,
      seconds: build.seconds,
      cachedSteps: build.cachedSteps,
      totalSteps: build.totalSteps,
      steps: build.steps
    },
    layerCache: {
      kind: plan.layerCache.kind,
      readRefs: plan.layerCache.readRefs,
      writeRef: plan.layerCache.writeRef,
      exported: build.succeeded && plan.layerCache.writeRef !== void 0 && !build.cacheProblems.some((problem) => problem.direction === "export")
    },
    dependencyCache: parts.dependencyReport,
    size: parts.size,
    advice: parts.advice,
    warnings: parts.warnings
  };
}
function setBuildOutputs(build, plan, dependencyReport) {
  setOutput(Output.ImageId, build.imageId);
  setOutput(Output.Digest, build.digest);
  setOutput(Output.Metadata, build.metadata);
  setOutput(Output.BuildSeconds, build.seconds.toFixed(2));
  setOutput(Output.CachedSteps, build.cachedSteps);
  setOutput(Output.TotalSteps, build.totalSteps);
  setOutput(Output.CacheHitRatio, cacheHitRatio(build).toFixed(2));
  setOutput(Output.LayerCacheFrom, plan.layerCache.readRefs.join("\n"));
  setOutput(Output.LayerCacheTo, plan.layerCache.writeRef ?? "");
  setOutput(Output.DependencyCache, dependencyReport.status);
  const { seconds: seconds2 } = dependencyReport;
  setOutput(Output.CacheRestoreSeconds, seconds2.restore.toFixed(2));
  setOutput(Output.CacheInjectSeconds, seconds2.inject.toFixed(2));
  setOutput(Output.CacheExtractSeconds, seconds2.extract.toFixed(2));
  setOutput(Output.CacheSaveSeconds, seconds2.save.toFixed(2));
}

// src/main.ts
runMain().catch((error) => setFailed(error instanceof Error ? error.message : String(error))).finally(() => process.exit());
/*! For license information please see main.js.LEGAL.txt */
