import React from "react";

type Props = { title: string };

// Renders the page title.
export function Title({ title }: Props) {
  return <h1 className="title">{title}</h1>;
}

export const List = ({ items }: { items: string[] }) => (
  <ul>
    {items.map((item) => (
      <li key={item}>{item}</li>
    ))}
  </ul>
);

export default class App extends React.Component<Props> {
  render() {
    return <Title title={this.props.title} />;
  }
}
