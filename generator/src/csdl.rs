//! Reader for OData CSDL (v4) XML schemas such as the Microsoft Graph
//! `$metadata` document.
//!
//! Only the parts needed to cross-check documentation are kept: entity,
//! complex and enum types with their declared properties, navigation
//! properties and enum members. Actions, functions, terms, annotations and
//! entity containers are ignored.
//!
//! Every type name stored in a [`Schema`] is namespace-qualified, and schema
//! aliases (`<Schema Namespace="microsoft.graph" Alias="graph">`) are resolved
//! to their namespace, so `graph.user` becomes `microsoft.graph.user`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use roxmltree::{Document, Node};
use serde::Serialize;

/// Kind of a structured or enumeration type declared in a CSDL schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CsdlKind {
    /// `<EntityType>`: a type with a key, addressable through the API.
    Entity,
    /// `<ComplexType>`: a structured value without identity.
    Complex,
    /// `<EnumType>`: a set of named members.
    Enum,
}

/// A declared `<Property>` or `<NavigationProperty>` of an entity or complex type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsdlProperty {
    /// Property name exactly as declared.
    pub name: String,
    /// Qualified element type (`Edm.String`, `microsoft.graph.identitySet`);
    /// for `Collection(X)` this is `X`. Aliases are resolved.
    pub type_name: String,
    /// Whether the declared type is `Collection(...)`.
    pub collection: bool,
    /// Whether this is a `<NavigationProperty>`.
    pub navigation: bool,
    /// The `Nullable` attribute, if present.
    pub nullable: Option<bool>,
}

/// An entity, complex or enum type declared in a CSDL schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsdlType {
    /// Qualified name: schema namespace + `.` + `Name`.
    pub name: String,
    /// Which kind of type this is.
    pub kind: CsdlKind,
    /// Qualified `BaseType` with aliases resolved, if any.
    pub base: Option<String>,
    /// The `Abstract` attribute (false when absent).
    pub is_abstract: bool,
    /// The `OpenType` attribute (false when absent).
    pub open: bool,
    /// Declared properties only (inherited ones are not included):
    /// `<Property>` elements first, then `<NavigationProperty>` elements,
    /// each group in document order.
    pub properties: Vec<CsdlProperty>,
    /// Enum member names in document order (empty for other kinds).
    pub members: Vec<String>,
    /// The `IsFlags` attribute of an enum type (false when absent).
    pub flags: bool,
}

/// All types declared in a CSDL document, keyed by qualified name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Schema {
    /// Types keyed by qualified name (`microsoft.graph.user`).
    pub types: BTreeMap<String, CsdlType>,
}

/// Error reading a CSDL document: malformed XML, an invalid CSDL element, or well-formed XML
/// that is no CSDL schema at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsdlError {
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column (in characters) of the problem.
    pub column: usize,
    /// Human-readable description.
    pub message: String,
    /// Whether the document is no CSDL schema (no `Schema` element, or no types in its
    /// schemas), rather than a schema with a fault at `line` and `column`.
    pub not_a_schema: bool,
}

impl fmt::Display for CsdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for CsdlError {}

impl Schema {
    /// Parses a CSDL XML document (an `edmx:Edmx` wrapper or a bare
    /// `<Schema>`); a leading UTF-8 byte-order mark is ignored.
    pub fn parse(xml: &str) -> Result<Schema, CsdlError> {
        let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
        let doc = Document::parse(xml).map_err(|e| xml_error(xml, &e))?;

        let schemas: Vec<Node> = doc
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "Schema")
            .collect();

        if schemas.is_empty() {
            let root = doc.root_element();
            let message = if root.tag_name().name() == "Edmx" {
                "its `edmx:Edmx` holds no `Schema` element".to_string()
            } else {
                format!(
                    "it has no `Schema` element (its root element is `{}`, not `edmx:Edmx` or \
                     `Schema`)",
                    root.tag_name().name()
                )
            };
            return Err(not_a_schema(&root, message));
        }
        let aliases = collect_aliases(&doc, &schemas)?;
        let mut types = BTreeMap::new();
        for schema in &schemas {
            let namespace = required(schema, "Namespace")?;
            for child in schema.children().filter(Node::is_element) {
                let kind = match child.tag_name().name() {
                    "EntityType" => CsdlKind::Entity,
                    "ComplexType" => CsdlKind::Complex,
                    "EnumType" => CsdlKind::Enum,
                    _ => continue,
                };
                let ty = read_type(&child, kind, namespace, &aliases)?;
                if types.contains_key(&ty.name) {
                    return Err(node_error(
                        &child,
                        format!("type `{}` is declared more than once", ty.name),
                    ));
                }
                types.insert(ty.name.clone(), ty);
            }
        }
        if types.is_empty() {
            return Err(not_a_schema(
                &schemas[0],
                "its schemas declare no entity, complex or enum type".to_string(),
            ));
        }
        Ok(Schema { types })
    }

    /// Looks up a type by its qualified name (`microsoft.graph.user`).
    pub fn get(&self, qualified_name: &str) -> Option<&CsdlType> {
        self.types.get(qualified_name)
    }

    /// Case-insensitive lookup (docs sometimes differ in case from the schema).
    ///
    /// An exact match wins; otherwise the first ASCII case-insensitive match
    /// in name order is returned.
    pub fn get_ignore_case(&self, qualified_name: &str) -> Option<&CsdlType> {
        self.get(qualified_name).or_else(|| {
            self.types
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(qualified_name))
                .map(|(_, ty)| ty)
        })
    }
}

/// Maps every alias declared in the document (on `<Schema>` or
/// `<edmx:Include>`) to its namespace.
fn collect_aliases(
    doc: &Document<'_>,
    schemas: &[Node<'_, '_>],
) -> Result<HashMap<String, String>, CsdlError> {
    let includes = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "Include");
    let mut aliases = HashMap::new();
    for node in schemas.iter().copied().chain(includes) {
        if let Some(alias) = node.attribute("Alias") {
            let namespace = required(&node, "Namespace")?;
            aliases.insert(alias.to_string(), namespace.to_string());
        }
    }
    Ok(aliases)
}

fn read_type(
    node: &Node<'_, '_>,
    kind: CsdlKind,
    namespace: &str,
    aliases: &HashMap<String, String>,
) -> Result<CsdlType, CsdlError> {
    let name = format!("{namespace}.{}", required(node, "Name")?);
    let mut ty = CsdlType {
        name,
        kind,
        base: node
            .attribute("BaseType")
            .map(|b| qualify(b.trim(), aliases)),
        is_abstract: bool_attr(node, "Abstract")?.unwrap_or(false),
        open: bool_attr(node, "OpenType")?.unwrap_or(false),
        properties: Vec::new(),
        members: Vec::new(),
        flags: false,
    };
    if kind == CsdlKind::Enum {
        ty.flags = bool_attr(node, "IsFlags")?.unwrap_or(false);
        for member in children_named(node, "Member") {
            ty.members.push(required(&member, "Name")?.to_string());
        }
        return Ok(ty);
    }
    for (element, navigation) in [("Property", false), ("NavigationProperty", true)] {
        for prop in children_named(node, element) {
            ty.properties
                .push(read_property(&prop, navigation, aliases)?);
        }
    }
    Ok(ty)
}

fn read_property(
    node: &Node<'_, '_>,
    navigation: bool,
    aliases: &HashMap<String, String>,
) -> Result<CsdlProperty, CsdlError> {
    let name = required(node, "Name")?.to_string();
    let declared = required(node, "Type")?.trim();
    let (inner, collection) = match declared
        .strip_prefix("Collection(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        Some(inner) => (inner.trim(), true),
        None => (declared, false),
    };
    if inner.is_empty() {
        return Err(node_error(
            node,
            format!("property `{name}` has an empty Type"),
        ));
    }
    Ok(CsdlProperty {
        name,
        type_name: qualify(inner, aliases),
        collection,
        navigation,
        nullable: bool_attr(node, "Nullable")?,
    })
}

/// Replaces an alias prefix (`graph.user`) with its namespace
/// (`microsoft.graph.user`); other names are returned unchanged.
fn qualify(name: &str, aliases: &HashMap<String, String>) -> String {
    if let Some((prefix, local)) = name.rsplit_once('.') {
        if let Some(namespace) = aliases.get(prefix) {
            return format!("{namespace}.{local}");
        }
    }
    name.to_string()
}

fn children_named<'a, 'input: 'a>(
    node: &Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn required<'a>(node: &Node<'a, '_>, attr: &str) -> Result<&'a str, CsdlError> {
    node.attribute(attr).ok_or_else(|| {
        node_error(
            node,
            format!(
                "<{}> is missing the `{attr}` attribute",
                node.tag_name().name()
            ),
        )
    })
}

/// Reads an `xs:boolean` attribute (`true`, `false`, `1`, `0`).
fn bool_attr(node: &Node<'_, '_>, attr: &str) -> Result<Option<bool>, CsdlError> {
    match node.attribute_node(attr) {
        None => Ok(None),
        Some(a) => match a.value().trim() {
            "true" | "1" => Ok(Some(true)),
            "false" | "0" => Ok(Some(false)),
            other => {
                let pos = node.document().text_pos_at(a.range().start);
                Err(CsdlError {
                    line: pos.row as usize,
                    column: pos.col as usize,
                    message: format!("attribute `{attr}` must be a boolean, found {other:?}"),
                    not_a_schema: false,
                })
            }
        },
    }
}

fn node_error(node: &Node<'_, '_>, message: String) -> CsdlError {
    let pos = node.document().text_pos_at(node.range().start);
    CsdlError {
        line: pos.row as usize,
        column: pos.col as usize,
        message,
        not_a_schema: false,
    }
}

fn not_a_schema(node: &Node<'_, '_>, message: String) -> CsdlError {
    CsdlError {
        not_a_schema: true,
        ..node_error(node, message)
    }
}

fn xml_error(xml: &str, err: &roxmltree::Error) -> CsdlError {
    use roxmltree::Error as E;
    let (line, column) = match err {
        // These carry no position; the problem is at the end of the input.
        E::UnexpectedEndOfStream | E::UnclosedRootNode => end_position(xml),
        _ => {
            let pos = err.pos();
            (pos.row as usize, pos.col as usize)
        }
    };
    CsdlError {
        line,
        column,
        message: format!("malformed XML: {err}"),
        not_a_schema: false,
    }
}

/// 1-based line and column just past the last character of `text`.
fn end_position(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let last_line = text.rsplit('\n').next().unwrap_or("");
    (line, last_line.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>
<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">
  <edmx:DataServices>
    <Schema Namespace=\"microsoft.graph\" Alias=\"graph\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
      <EnumType Name=\"weekIndex\">
        <Member Name=\"first\" Value=\"0\" />
        <Member Name=\"second\" Value=\"1\" />
      </EnumType>
      <EnumType Name=\"dayOfWeek\" IsFlags=\"true\">
        <Member Name=\"sunday\" Value=\"1\" />
        <Member Name=\"monday\" Value=\"2\" />
      </EnumType>
      <EntityType Name=\"entity\" Abstract=\"true\">
        <Key><PropertyRef Name=\"id\" /></Key>
        <Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\" />
      </EntityType>
      <EntityType Name=\"directoryObject\" BaseType=\"graph.entity\" OpenType=\"true\">
        <Property Name=\"deletedDateTime\" Type=\"Edm.DateTimeOffset\" />
      </EntityType>
      <EntityType Name=\"user\" BaseType=\"graph.directoryObject\" OpenType=\"true\">
        <Property Name=\"businessPhones\" Type=\"Collection(Edm.String)\" Nullable=\"false\" />
        <Property Name=\"identities\" Type=\"Collection(graph.objectIdentity)\" />
        <NavigationProperty Name=\"manager\" Type=\"graph.directoryObject\" />
        <NavigationProperty Name=\"memberOf\" Type=\"Collection(graph.directoryObject)\" ContainsTarget=\"true\" />
      </EntityType>
      <ComplexType Name=\"objectIdentity\">
        <Property Name=\"issuer\" Type=\"Edm.String\" />
      </ComplexType>
      <Action Name=\"assignLicense\" IsBound=\"true\">
        <Parameter Name=\"bindingParameter\" Type=\"graph.user\" />
      </Action>
      <Function Name=\"delta\" IsBound=\"true\">
        <ReturnType Type=\"Collection(graph.user)\" />
      </Function>
      <Term Name=\"someTerm\" Type=\"Edm.String\" />
      <EntityContainer Name=\"GraphService\">
        <EntitySet Name=\"users\" EntityType=\"microsoft.graph.user\" />
      </EntityContainer>
      <Annotations Target=\"microsoft.graph.user\">
        <Annotation Term=\"Org.OData.Core.V1.Description\" String=\"A user.\" />
      </Annotations>
    </Schema>
    <Schema Namespace=\"microsoft.graph.callRecords\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
      <EntityType Name=\"callRecord\" BaseType=\"graph.entity\">
        <Property Name=\"organizer\" Type=\"graph.identitySet\" />
        <Property Name=\"modalities\" Type=\"Collection(microsoft.graph.callRecords.modality)\" Nullable=\"false\" />
        <NavigationProperty Name=\"sessions\" Type=\"Collection(microsoft.graph.callRecords.session)\" ContainsTarget=\"true\" />
      </EntityType>
      <EnumType Name=\"modality\">
        <Member Name=\"audio\" Value=\"0\" />
      </EnumType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
";

    fn sample() -> Schema {
        Schema::parse(SAMPLE).expect("sample parses")
    }

    #[test]
    fn collects_entity_complex_and_enum_types_from_all_schemas() {
        let schema = sample();
        let names: Vec<&str> = schema.types.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "microsoft.graph.callRecords.callRecord",
                "microsoft.graph.callRecords.modality",
                "microsoft.graph.dayOfWeek",
                "microsoft.graph.directoryObject",
                "microsoft.graph.entity",
                "microsoft.graph.objectIdentity",
                "microsoft.graph.user",
                "microsoft.graph.weekIndex",
            ]
        );
        assert_eq!(
            schema.get("microsoft.graph.user").unwrap().kind,
            CsdlKind::Entity
        );
        assert_eq!(
            schema.get("microsoft.graph.objectIdentity").unwrap().kind,
            CsdlKind::Complex
        );
        assert_eq!(
            schema.get("microsoft.graph.weekIndex").unwrap().kind,
            CsdlKind::Enum
        );
    }

    #[test]
    fn ignores_actions_functions_terms_containers_and_annotations() {
        let schema = sample();
        for ignored in ["assignLicense", "delta", "someTerm", "GraphService"] {
            assert!(schema.get(&format!("microsoft.graph.{ignored}")).is_none());
        }
        let user = schema.get("microsoft.graph.user").unwrap();
        assert_eq!(user.properties.len(), 4);
    }

    #[test]
    fn resolves_alias_in_base_type_and_property_types() {
        let schema = sample();
        let user = schema.get("microsoft.graph.user").unwrap();
        assert_eq!(
            user.base.as_deref(),
            Some("microsoft.graph.directoryObject")
        );
        let call = schema
            .get("microsoft.graph.callRecords.callRecord")
            .unwrap();
        assert_eq!(call.base.as_deref(), Some("microsoft.graph.entity"));
        assert_eq!(call.properties[0].type_name, "microsoft.graph.identitySet");
        assert_eq!(
            call.properties[1].type_name,
            "microsoft.graph.callRecords.modality"
        );
        assert_eq!(schema.get("microsoft.graph.entity").unwrap().base, None);
    }

    #[test]
    fn derived_type_lists_only_declared_properties() {
        let schema = sample();
        let dir = schema.get("microsoft.graph.directoryObject").unwrap();
        assert!(dir.open);
        assert!(!dir.is_abstract);
        let names: Vec<&str> = dir.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["deletedDateTime"]);
        let entity = schema.get("microsoft.graph.entity").unwrap();
        assert!(entity.is_abstract);
        assert!(!entity.open);
    }

    #[test]
    fn reads_properties_then_navigation_properties() {
        let user = sample().get("microsoft.graph.user").unwrap().clone();
        assert_eq!(
            user.properties,
            vec![
                CsdlProperty {
                    name: "businessPhones".into(),
                    type_name: "Edm.String".into(),
                    collection: true,
                    navigation: false,
                    nullable: Some(false),
                },
                CsdlProperty {
                    name: "identities".into(),
                    type_name: "microsoft.graph.objectIdentity".into(),
                    collection: true,
                    navigation: false,
                    nullable: None,
                },
                CsdlProperty {
                    name: "manager".into(),
                    type_name: "microsoft.graph.directoryObject".into(),
                    collection: false,
                    navigation: true,
                    nullable: None,
                },
                CsdlProperty {
                    name: "memberOf".into(),
                    type_name: "microsoft.graph.directoryObject".into(),
                    collection: true,
                    navigation: true,
                    nullable: None,
                },
            ]
        );
    }

    #[test]
    fn collection_navigation_property_in_second_schema() {
        let schema = sample();
        let call = schema
            .get("microsoft.graph.callRecords.callRecord")
            .unwrap();
        let sessions = call
            .properties
            .iter()
            .find(|p| p.name == "sessions")
            .unwrap();
        assert!(sessions.navigation);
        assert!(sessions.collection);
        assert_eq!(sessions.type_name, "microsoft.graph.callRecords.session");
    }

    #[test]
    fn reads_enum_members_and_is_flags() {
        let schema = sample();
        let day = schema.get("microsoft.graph.dayOfWeek").unwrap();
        assert!(day.flags);
        assert_eq!(day.members, ["sunday", "monday"]);
        assert!(day.properties.is_empty());
        let week = schema.get("microsoft.graph.weekIndex").unwrap();
        assert!(!week.flags);
        assert_eq!(week.members, ["first", "second"]);
    }

    #[test]
    fn lookup_ignoring_case() {
        let schema = sample();
        assert!(schema.get("microsoft.graph.User").is_none());
        let user = schema.get_ignore_case("Microsoft.Graph.USER").unwrap();
        assert_eq!(user.name, "microsoft.graph.user");
        assert!(schema.get_ignore_case("microsoft.graph.nobody").is_none());
    }

    #[test]
    fn bare_schema_without_edmx_wrapper_and_bom() {
        let schema = Schema::parse(
            r#"<Schema Namespace="ns" Alias="n"><ComplexType Name="a" BaseType="n.b"/></Schema>"#,
        )
        .unwrap();
        assert_eq!(schema.get("ns.a").unwrap().base.as_deref(), Some("ns.b"));
    }

    #[test]
    fn kind_serializes_lowercase() {
        assert_eq!(
            serde_json::to_string(&CsdlKind::Entity).unwrap(),
            "\"entity\""
        );
        assert_eq!(
            serde_json::to_string(&CsdlKind::Complex).unwrap(),
            "\"complex\""
        );
        assert_eq!(serde_json::to_string(&CsdlKind::Enum).unwrap(), "\"enum\"");
    }

    #[test]
    fn malformed_xml_returns_error_with_position() {
        let xml =
            "<Schema Namespace=\"ns\">\n  <EntityType Name=\"a\">\n  </ComplexType>\n</Schema>";
        let err = Schema::parse(xml).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.column >= 1);
        assert!(err.message.contains("malformed XML"), "{}", err.message);
        assert!(err.to_string().starts_with("3:"), "{err}");
    }

    #[test]
    fn truncated_xml_reports_end_of_input() {
        let err = Schema::parse("\u{feff}<Schema Namespace=\"ns\">\n  <EnumType Name=\"e\">")
            .unwrap_err();
        assert_eq!(err.line, 2);
        for xml in ["", "   ", "<", "<a", "<a b=", "\u{feff}"] {
            assert!(Schema::parse(xml).is_err(), "{xml:?}");
        }
    }

    #[test]
    fn well_formed_xml_without_schema_types_is_not_a_schema() {
        let err = Schema::parse("<?xml version=\"1.0\"?><root/>").unwrap_err();
        assert!(err.not_a_schema);
        assert!(err.message.contains("`root`"), "{}", err.message);
        let edmx = "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" \
                    Version=\"4.0\"><edmx:DataServices/></edmx:Edmx>";
        let err = Schema::parse(edmx).unwrap_err();
        assert!(err.not_a_schema);
        assert!(
            err.message.contains("no `Schema` element"),
            "{}",
            err.message
        );
        let empty = Schema::parse("<Schema Namespace=\"ns\"><Action Name=\"a\"/></Schema>");
        assert!(empty
            .unwrap_err()
            .message
            .contains("no entity, complex or enum type"));
        assert!(
            !Schema::parse("<a").unwrap_err().not_a_schema,
            "malformed, not foreign"
        );
    }

    #[test]
    fn invalid_csdl_returns_error_with_position() {
        let missing_type = "<Schema Namespace=\"ns\">\n<ComplexType Name=\"a\">\n  <Property Name=\"p\"/>\n</ComplexType></Schema>";
        let err = Schema::parse(missing_type).unwrap_err();
        assert_eq!((err.line, err.column), (3, 3));
        assert!(err.message.contains("Type"), "{}", err.message);

        let bad_bool = "<Schema Namespace=\"ns\">\n<EnumType Name=\"e\" IsFlags=\"yes\"/></Schema>";
        let err = Schema::parse(bad_bool).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("IsFlags"), "{}", err.message);

        let duplicate =
            "<Schema Namespace=\"ns\"><EnumType Name=\"e\"/><ComplexType Name=\"e\"/></Schema>";
        assert!(Schema::parse(duplicate)
            .unwrap_err()
            .message
            .contains("ns.e"));

        let no_namespace = "<Schema><EnumType Name=\"e\"/></Schema>";
        assert!(Schema::parse(no_namespace).is_err());
    }

    /// Parses the real Microsoft Graph metadata when `GRAPH_METADATA_FILE`
    /// names it; skipped otherwise.
    #[test]
    fn real_graph_metadata() {
        let Some(path) = std::env::var_os("GRAPH_METADATA_FILE") else {
            eprintln!("skipped: GRAPH_METADATA_FILE is not set");
            return;
        };
        let xml = std::fs::read_to_string(&path).expect("read GRAPH_METADATA_FILE");
        let start = std::time::Instant::now();
        let schema = Schema::parse(&xml).expect("metadata parses");
        let elapsed = start.elapsed();

        assert!(
            schema.types.len() > 1000,
            "only {} types",
            schema.types.len()
        );
        let user = schema.get("microsoft.graph.user").expect("user type");
        assert_eq!(user.kind, CsdlKind::Entity);
        assert_eq!(
            user.base.as_deref(),
            Some("microsoft.graph.directoryObject")
        );
        assert!(schema
            .get("microsoft.graph.callRecords.callRecord")
            .is_some());

        let count = |kind| schema.types.values().filter(|t| t.kind == kind).count();
        let properties: usize = schema.types.values().map(|t| t.properties.len()).sum();
        let navigation: usize = schema
            .types
            .values()
            .flat_map(|t| &t.properties)
            .filter(|p| p.navigation)
            .count();
        eprintln!(
            "{}: {} types ({} entity, {} complex, {} enum), {} properties ({} navigation), parsed in {:.1} ms",
            std::path::Path::new(&path).display(),
            schema.types.len(),
            count(CsdlKind::Entity),
            count(CsdlKind::Complex),
            count(CsdlKind::Enum),
            properties,
            navigation,
            elapsed.as_secs_f64() * 1000.0,
        );
    }
}
