package admx

import "encoding/xml"

// The types below model the part of Microsoft's ADMX schema
// (PolicyDefinitions, 2006/07) that Grendel's templates use; they encode
// the templates and decode them in the tests.

// PolicyDefinitions is an ADMX file's root.
type PolicyDefinitions struct {
	XMLName       xml.Name    `xml:"policyDefinitions"`
	Xmlns         string      `xml:"xmlns,attr"`
	Revision      string      `xml:"revision,attr"`
	SchemaVersion string      `xml:"schemaVersion,attr"`
	Namespaces    Namespaces  `xml:"policyNamespaces"`
	Resources     Resources   `xml:"resources"`
	SupportedOn   SupportedOn `xml:"supportedOn"`
	Categories    []Category  `xml:"categories>category"`
	Policies      []Policy    `xml:"policies>policy"`
}

// Namespaces holds the template's own namespace.
type Namespaces struct {
	Target TargetNamespace `xml:"target"`
}

// TargetNamespace is a namespace with its prefix.
type TargetNamespace struct {
	Prefix    string `xml:"prefix,attr"`
	Namespace string `xml:"namespace,attr"`
}

// Resources says which revision of the ADML files the ADMX needs.
type Resources struct {
	MinRequiredRevision string `xml:"minRequiredRevision,attr"`
}

// SupportedOn holds the template's own supportedOn definitions.
type SupportedOn struct {
	Definitions []SupportedDefinition `xml:"definitions>definition"`
}

// SupportedDefinition is one product a policy may apply to.
type SupportedDefinition struct {
	Name        string `xml:"name,attr"`
	DisplayName string `xml:"displayName,attr"`
}

// Category is a folder of policies in the editor.
type Category struct {
	Name        string `xml:"name,attr"`
	DisplayName string `xml:"displayName,attr"`
	Parent      *Ref   `xml:"parentCategory,omitempty"`
}

// Ref refers to a category or supportedOn definition by name.
type Ref struct {
	Ref string `xml:"ref,attr"`
}

// Policy is one policy setting.
type Policy struct {
	Name          string    `xml:"name,attr"`
	Class         string    `xml:"class,attr"`
	DisplayName   string    `xml:"displayName,attr"`
	ExplainText   string    `xml:"explainText,attr"`
	Presentation  string    `xml:"presentation,attr,omitempty"`
	Key           string    `xml:"key,attr"`
	ValueName     string    `xml:"valueName,attr,omitempty"`
	Parent        Ref       `xml:"parentCategory"`
	SupportedOn   Ref       `xml:"supportedOn"`
	EnabledValue  *Value    `xml:"enabledValue,omitempty"`
	DisabledValue *Value    `xml:"disabledValue,omitempty"`
	Elements      *Elements `xml:"elements,omitempty"`
}

// Value is a registry value that a policy or an item writes.
type Value struct {
	Decimal *Decimal `xml:"decimal,omitempty"`
	String  *string  `xml:"string,omitempty"`
}

// Decimal is a REG_DWORD value.
type Decimal struct {
	Value uint32 `xml:"value,attr"`
}

// Elements are the parts of a policy that take a value.
type Elements struct {
	Decimals []DecimalElement `xml:"decimal"`
	Enums    []EnumElement    `xml:"enum"`
	Lists    []ListElement    `xml:"list"`
}

// DecimalElement is a number, written as a REG_DWORD.
type DecimalElement struct {
	ID        string `xml:"id,attr"`
	ValueName string `xml:"valueName,attr"`
	MinValue  uint64 `xml:"minValue,attr"`
	MaxValue  uint64 `xml:"maxValue,attr"`
}

// EnumElement is one choice out of its items.
type EnumElement struct {
	ID        string     `xml:"id,attr"`
	ValueName string     `xml:"valueName,attr"`
	Required  bool       `xml:"required,attr,omitempty"`
	Items     []EnumItem `xml:"item"`
}

// EnumItem is one choice of an enum, and the value it writes.
type EnumItem struct {
	DisplayName string `xml:"displayName,attr"`
	Value       Value  `xml:"value"`
}

// ListElement is a list, written as values of its key named by
// ValuePrefix and 1, 2, 3 …. Without a valuePrefix attribute Group Policy
// would name each value by its own text, so ours is always there, empty.
type ListElement struct {
	ID          string  `xml:"id,attr"`
	Key         string  `xml:"key,attr"`
	ValuePrefix *string `xml:"valuePrefix,attr"`
}

// PolicyDefinitionResources is an ADML file's root.
type PolicyDefinitionResources struct {
	XMLName       xml.Name     `xml:"policyDefinitionResources"`
	Xmlns         string       `xml:"xmlns,attr"`
	Revision      string       `xml:"revision,attr"`
	SchemaVersion string       `xml:"schemaVersion,attr"`
	DisplayName   string       `xml:"displayName"`
	Description   string       `xml:"description"`
	Resources     ADMLResource `xml:"resources"`
}

// ADMLResource holds an ADML file's strings and presentations.
type ADMLResource struct {
	Strings       []String       `xml:"stringTable>string"`
	Presentations []Presentation `xml:"presentationTable>presentation"`
}

// String is one text of the ADML.
type String struct {
	ID   string `xml:"id,attr"`
	Text string `xml:",chardata"`
}

// Presentation lays out the elements of a policy in the editor.
type Presentation struct {
	ID               string           `xml:"id,attr"`
	DecimalTextBoxes []DecimalTextBox `xml:"decimalTextBox"`
	DropdownLists    []DropdownList   `xml:"dropdownList"`
	ListBoxes        []ListBox        `xml:"listBox"`
}

// DecimalTextBox is the box of a decimal element.
type DecimalTextBox struct {
	RefID        string `xml:"refId,attr"`
	DefaultValue uint64 `xml:"defaultValue,attr"`
	Label        string `xml:",chardata"`
}

// DropdownList is the list of an enum element.
type DropdownList struct {
	RefID       string `xml:"refId,attr"`
	NoSort      bool   `xml:"noSort,attr,omitempty"`
	DefaultItem int    `xml:"defaultItem,attr"`
	Label       string `xml:",chardata"`
}

// ListBox is the box of a list element.
type ListBox struct {
	RefID string `xml:"refId,attr"`
	Label string `xml:",chardata"`
}
